// Who is calling, as the chain established it. Handlers and the authorisation rules take this,
// never a raw token.

export interface PartnerPrincipal {
  kind: 'partner';
  partnerId: string;
  clientId: string;
  scopes: string[];
}

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  role: string;
  /** A locality id, or `county` for county-wide roles. */
  area: string;
}

export interface PublicPrincipal {
  kind: 'public';
  /** The caller's network source: used only to key rate limits, never logged. */
  sourceIp: string;
}

export type Principal = PartnerPrincipal | StaffPrincipal | PublicPrincipal;

/** A caller without a token, on a public route. */
export function publicPrincipal(request: { sourceIp: string }): PublicPrincipal {
  return { kind: 'public', sourceIp: request.sourceIp };
}
