import type { PartnerCaller, StaffCaller } from '../domain/access/rules';
import type { Actor } from '../core/schemas/audit';
import type { ApiRequest } from './handler';
import type { PartnerPrincipal, Principal, StaffPrincipal } from './principal';
import { forbidden } from './problem';

// The verified principal, as the access rules and the audit trail name it.

export function partnerOf(request: Pick<ApiRequest, 'principal'>): PartnerPrincipal & PartnerCaller {
  if (request.principal.kind !== 'partner') throw forbidden();
  return request.principal;
}

export function staffOf(request: Pick<ApiRequest, 'principal'>): StaffPrincipal & StaffCaller {
  if (request.principal.kind !== 'staff') throw forbidden();
  return request.principal;
}

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'partner':
      return { type: 'partner', id: principal.partnerId };
    case 'staff':
      return { type: 'staff', id: principal.userId, role: principal.role as Actor['role'] };
    default:
      return { type: 'family', id: 'self-referral' };
  }
}
