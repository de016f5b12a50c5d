import type { Partner } from '../core/schemas/partner';

/** A partner as administrators see it: never a secret or its hash. */
export function toPartnerView(partner: Partner) {
  const { secretHash: _secretHash, ...view } = partner;
  return view;
}
