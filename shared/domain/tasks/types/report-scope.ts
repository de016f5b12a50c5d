import type { TaskOwnership } from './definition';
import { COUNTY } from '../../../core/vocabulary/areas';
import { roleOwner } from '../../../core/vocabulary/tasks';

/** The scope of the county-wide reports, beside one per locality. */
export const PARTNERSHIP = 'partnership';

/** A locality's report task waits on its locality manager; the partnership's on the head of service. */
export function reportScopeOwner(scope: string): TaskOwnership {
  return scope === PARTNERSHIP
    ? { owner: roleOwner('head-of-service', COUNTY), area: COUNTY }
    : { owner: roleOwner('locality-manager', scope), area: scope };
}
