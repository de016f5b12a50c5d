import { capacityByLocality } from '../../adapters/data/workers';
import { one, optional } from '../../pages/forms';
import type { TaskForm } from '../../pages/task-forms/types';

// A waiting case: the locality manager (or a hub coordinator or senior) names the key worker.
// Allocation still checks capacity in its own transaction; the list is what had room a moment ago.

export const allocationForm: TaskForm = {
  fields: {
    workerId: { label: 'a key worker', kind: 'choice' },
    reason: { label: 'the reason', kind: 'text' },
  },
  toOutcome: (values) => ({ workerId: optional(values, 'workerId'), reason: optional(values, 'reason') }),
  async viewData({ db, record }, values) {
    const workers = record ? await capacityByLocality(db, record.locality) : [];
    const chosen = one(values, 'workerId');
    return {
      workerItems: workers.map((worker) => ({
        value: worker.workerId,
        text: worker.workerId,
        checked: worker.workerId === chosen,
        hint: {
          text: `${worker.openCases} open ${worker.openCases === 1 ? 'case' : 'cases'}; ${worker.load} of ${worker.capacity} units used${worker.free <= 0 ? ' (full)' : ''}`,
        },
      })),
    };
  },
};
