import { type LocalUserPool, UserPoolError } from './user-pool';

// `POST /oauth2/token`, the client-credentials grant as Cognito's hosted domain answers it: the
// client authenticates with HTTP Basic or with client_id/client_secret form fields.

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** `undefined`: no Basic credentials; `malformed`: Basic credentials that cannot be read (a 401). */
function basicCredentials(
  authorization: string | undefined,
): { id: string; secret: string } | 'malformed' | undefined {
  if (!/^Basic\b/i.test(authorization ?? '')) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    // A stray `%` is the client's mistake, answered as bad credentials rather than a failure of ours.
    return 'malformed';
  }
}

const oauthError = (status: number, error: string, description: string): TokenResponse => ({
  status,
  body: { error, error_description: description },
  headers: status === 401 ? { 'www-authenticate': 'Basic realm="oauth2"' } : undefined,
});

export async function handleTokenRequest(
  pool: LocalUserPool,
  contentType: string | undefined,
  authorization: string | undefined,
  rawBody: string,
): Promise<TokenResponse> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(rawBody);
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'only client_credentials is supported');
  }
  const basic = basicCredentials(authorization);
  if (basic === 'malformed') return oauthError(401, 'invalid_client', 'unreadable client credentials');
  const credentials = basic ?? { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
  if (!credentials.id || !credentials.secret) {
    return oauthError(401, 'invalid_client', 'client authentication is required');
  }
  const scope = form.get('scope');
  const requested = scope ? scope.split(' ').filter(Boolean) : undefined;
  try {
    const token = await pool.clientCredentials(credentials.id, credentials.secret, requested);
    return {
      status: 200,
      body: { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn },
      headers: { 'cache-control': 'no-store' },
    };
  } catch (error) {
    if (error instanceof UserPoolError && error.type === 'invalid_scope') {
      return oauthError(400, 'invalid_scope', error.message);
    }
    if (error instanceof UserPoolError)
      return oauthError(401, 'invalid_client', 'invalid client credentials');
    throw error;
  }
}
