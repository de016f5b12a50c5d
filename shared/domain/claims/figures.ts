import type { ClaimFamily, ClaimFigure } from '../../core/schemas/claims';

/** The audit task of the family's locality ended without a result (cancelled): not audited, not claimed. */
export const NOT_AUDITED = 'the audit was not completed';

/** Whether a family counts in a figure of the claim file: one rule for the file and its drill-down. */
export function countsIn(family: ClaimFamily, figure: ClaimFigure): boolean {
  switch (figure) {
    case 'claimable':
      return true;
    case 'sampled':
      return family.sampled;
    case 'audited':
      return family.sampled && family.auditFailed !== NOT_AUDITED;
    case 'failedAudit':
      return family.auditFailed !== undefined;
    case 'claimed':
      return family.claimed === true;
  }
}
