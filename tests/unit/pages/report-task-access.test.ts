import { describe, expect, it } from 'vitest';
import { canCompleteTask, canSeeTask, type StaffCaller } from '../../../shared/domain/access/rules';
import { parseQuarterId } from '../../../shared/core/calendar';
import { planCycle } from '../../../shared/domain/reporting/cycle';

// Every report task the cycle opens is emailed to its owner with a link to its page; the page shows it
// only to those the access rules allow, so each owner must be allowed to open and complete their own.

describe('report tasks and who may open them', () => {
  it('lets the owning role open and complete every task of the Q2 and Q4 cycles', () => {
    // Prepare
    const plans = ['2026-27-Q2', '2026-27-Q4'].map((id) =>
      planCycle(parseQuarterId(id), '2027-04-01T09:00:00Z'),
    );
    const specs = plans.flatMap((plan) => [...plan.quarterly, ...plan.annual, ...plan.conversations]);
    // Act
    const refused = specs.filter((spec) => {
      const [, role = '', area = ''] = spec.owner.split(':');
      const caller: StaffCaller = { kind: 'staff', userId: `${role}-1`, role, area };
      const task = { type: spec.type, owner: spec.owner, area: spec.area };
      return !canSeeTask(caller, task) || !canCompleteTask(caller, task);
    });
    // Assess
    expect(new Set(specs.map((spec) => spec.type))).toEqual(
      new Set(['quarterly-report', 'annual-report', 'annual-conversation']),
    );
    expect(refused.map((spec) => `${spec.type} ${spec.owner}`)).toEqual([]);
  });
});
