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

export async function authenticate(request: HttpRequestView, route: RouteAuthFacts): Promise<Principal> {
  if (route.auth === 'public') return publicPrincipal(request);
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthenticated();
  try {
    if (route.auth === 'partner') {
      const claims = await verifyPartnerToken(token);
      const partner = await directory().partnerByClientId(claims.clientId);
      if (!partner?.active) throw unauthenticated('This client is not registered or was revoked');
      const missing = requiredScopes(route).filter((scope) => !claims.scopes.includes(scope));
      if (missing.length > 0) throw forbidden(`This route needs the scope ${missing.join(' ')}`);
      return {
        kind: 'partner',
        partnerId: partner.partnerId,
        clientId: claims.clientId,
        scopes: claims.scopes,
      };
    }
    const claims = await verifyStaffToken(token);
    const member = await directory().staffMember(claims.username);
    if (!member?.active) throw unauthenticated('This account is not active');
    if (route.auth === 'admin' && member.role !== 'administrator') {
      throw forbidden('Administrators only');
    }
    return { kind: 'staff', userId: member.userId, role: member.role, area: member.area };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated('The bearer token is not valid');
    throw error;
  }
}
