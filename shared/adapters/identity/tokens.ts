import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { authSettings } from './settings';

// Verifies bearer tokens with aws-jwt-verify's generic verifier against the issuer's JWKS (RS256: the
// keys Cognito and the local issuer publish). Imported from its own entry point: the package's index
// also brings the Cognito and ALB verifiers, which no handler uses (2.5 KB of every authenticated HTTP bundle).
// The same code runs in AWS (Cognito's JWKS) and locally (the local server's JWKS): no bypass.

export interface PartnerClaims {
  clientId: string;
  scopes: string[];
}

export interface StaffClaims {
  username: string;
}

// The library's own fetcher speaks https only; the local issuer is plain http on loopback. This one
// uses the runtime's fetch for both, and the library still does all the parsing and verification.
const jwksFetcher: Fetcher = {
  async fetch(uri: string) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    return response.arrayBuffer();
  },
};

type Verifier = { verify(token: string): Promise<JwtPayload> };
let cached: { key: string; verifier: Verifier } | undefined;

function verifier(): Verifier {
  const { issuer, jwksUri } = authSettings();
  const key = `${issuer} ${jwksUri}`;
  if (cached?.key !== key) {
    // Cognito access tokens carry no `aud`; the client is checked through `client_id` below.
    const created = JwtVerifier.create(
      { issuer, jwksUri, audience: null },
      { jwksCache: new SimpleJwksCache({ fetcher: jwksFetcher }) },
    );
    cached = { key, verifier: { verify: (token) => created.verify(token) } };
  }
  return cached.verifier;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

async function verifiedAccessToken(token: string): Promise<JwtPayload> {
  let payload: JwtPayload;
  try {
    payload = await verifier().verify(token);
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.name : 'invalid token');
  }
  if (payload.token_use !== 'access') throw new InvalidTokenError('not an access token');
  // aws-jwt-verify checks `exp` only when a token has one; a token that never expires is refused.
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('no expiry');
  return payload;
}

/** A partner's client-credentials token: no user, just the app client and its granted scopes. */
export async function verifyPartnerToken(token: string): Promise<PartnerClaims> {
  const payload = await verifiedAccessToken(token);
  if (typeof payload.username === 'string') throw new InvalidTokenError('a staff token, not a partner token');
  const clientId = payload.client_id;
  if (typeof clientId !== 'string' || clientId === '') throw new InvalidTokenError('no client_id');
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  return { clientId, scopes };
}

/** A staff member's sign-in token, issued to the staff app client. */
export async function verifyStaffToken(token: string): Promise<StaffClaims> {
  const payload = await verifiedAccessToken(token);
  const { staffClientId } = authSettings();
  if (typeof payload.username !== 'string' || payload.username === '') {
    throw new InvalidTokenError('not a user token');
  }
  if (staffClientId && payload.client_id !== staffClientId) throw new InvalidTokenError('wrong client');
  return { username: payload.username };
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
