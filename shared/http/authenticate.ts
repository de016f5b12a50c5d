import { type Principal, publicPrincipal } from './principal';
import { forbidden, unauthenticated } from './problem';
import type { HttpRequestView } from './event';
import { requiredScopes, type RouteAuthFacts } from './routes';
import { directory } from '../adapters/identity/directory';
import {
  bearerToken,
  InvalidTokenError,
  verifyPartnerToken,
  verifyStaffToken,
} from '../adapters/identity/tokens';

// Turns a request into a verified Principal according to its route's `auth`, or answers 401/403.
// The token proves who is calling; the table record decides whether they still may (a revoked
// partner client or a deactivated worker is refused at once, not when the token expires).

export interface Authenticated {
  principal: Principal;
  /**
   * Present when the caller's record is still being read (a partner this process has seen before:
   * its id is known, its `active` is not yet): rejects with the 401 a revoked caller gets. Whoever
   * takes the principal before it settles must await it before writing anything that outlives a
   * refusal, and answer its refusal first.
   */
  stillAllowed?: Promise<void>;
}

/**
 * The caller, or a 401/403. A known partner's `active` is read alongside whatever the request does
 * next (`stillAllowed`) rather than before it: the chain awaits it before the handler runs unless
 * the handler's first writes can be undone on a refusal (POST /v1/referrals), which saves that
 * handler one round trip in a row.
 */
export async function authenticate(request: HttpRequestView, route: RouteAuthFacts): Promise<Authenticated> {
  if (route.auth === 'public') return { principal: publicPrincipal(request) };
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthenticated();
  try {
    if (route.auth === 'partner') return await partnerCaller(token, route);
    const claims = await verifyStaffToken(token);
    const member = await directory().staffMember(claims.username);
    if (!member?.active) throw unauthenticated('This account is not active');
    if (route.auth === 'admin' && member.role !== 'administrator') {
      throw forbidden('Administrators only');
    }
    return { principal: { kind: 'staff', userId: member.userId, role: member.role, area: member.area } };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated('The bearer token is not valid');
    throw error;
  }
}

async function partnerCaller(token: string, route: RouteAuthFacts): Promise<Authenticated> {
  const claims = await verifyPartnerToken(token);
  const refused = () => unauthenticated('This client is not registered or was revoked');
  const known = directory().knownPartnerId(claims.clientId);
  let partnerId: string;
  let stillAllowed: Promise<void> | undefined;
  if (known === undefined) {
    const partner = await directory().partnerByClientId(claims.clientId);
    if (!partner?.active) throw refused();
    partnerId = partner.partnerId;
  } else {
    partnerId = known;
    stillAllowed = directory()
      .partnerActivity(known, claims.clientId)
      .then((partner) => {
        if (!partner?.active) throw refused();
      });
    // Its taker awaits it; until then a refusal must not count as unhandled.
    stillAllowed.catch(() => {});
  }
  const missing = requiredScopes(route).filter((scope) => !claims.scopes.includes(scope));
  if (missing.length > 0) {
    // A revoked client is told it is revoked, not which scope it lacks.
    await stillAllowed;
    throw forbidden(`This route needs the scope ${missing.join(' ')}`);
  }
  return {
    principal: { kind: 'partner', partnerId, clientId: claims.clientId, scopes: claims.scopes },
    ...(stillAllowed ? { stillAllowed } : {}),
  };
}
