import { getClaimCycle } from '../../adapters/data/claims';
import { one, optional } from '../../pages/forms';
import type { TaskForm } from '../../pages/task-forms/types';

// The head of service signs off the claim window's results claim, with the audit's counts beside it.

export const claimSignOffForm: TaskForm = {
  fields: {
    approved: { label: 'whether you approve the claim', kind: 'choice' },
    commentary: { label: 'your commentary', kind: 'text' },
  },
  toOutcome: (values) => ({
    ...(one(values, 'approved') ? { approved: one(values, 'approved') === 'yes' } : {}),
    commentary: optional(values, 'commentary'),
  }),
  async viewData({ db, task }) {
    const cycle = task.period ? await getClaimCycle(db, task.period) : undefined;
    const families = cycle?.families ?? [];
    return {
      claimWindow: task.period,
      claimSummary: {
        claimable: families.length,
        sampled: families.filter((family) => family.sampled).length,
        failedAudit: families.filter((family) => family.auditFailed).length,
      },
      approvedItems: [
        { value: 'yes', text: 'Approve the claim' },
        { value: 'no', text: 'Do not approve: nothing is claimed this window' },
      ],
    };
  },
};
