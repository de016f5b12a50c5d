import { COUNTY, roleOwner } from '../../../core/schemas';
import type { TaskOwnership } from './definition';

/** The scope of the county-wide reports, beside one per locality. */
export const PARTNERSHIP = 'partnership';

/** A locality's report task waits on its locality manager; the partnership's on the head of service. */
export function reportScopeOwner(scope: string): TaskOwnership {
  return scope === PARTNERSHIP
    ? { owner: roleOwner('head-of-service', COUNTY), area: COUNTY }
    : { owner: roleOwner('locality-manager', scope), area: scope };
}
