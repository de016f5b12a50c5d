import { allocation, cases, ConflictError } from '../../adapters/data';
import { allocationOutcomeSchema } from './core';
import { journeyMetrics } from '../../domain/journey/metrics';
import { auditActorOf } from '../../domain/tasks/actor';
import { type CaseTaskDefinition, workingDaysDue } from '../../domain/tasks/types/definition';
import { allocationFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';
import { roleOwner } from '../../core/vocabulary/tasks';

// A case the hub supports waits on its locality's list when no worker has room: the locality manager
// (or a senior, or the hub coordinator) names the key worker, or the system allocates the case the
// moment a place frees and completes this task itself.

export const allocationTask = /* @__PURE__ */ withFacts(allocationFacts, {
  outcomeSchema: allocationOutcomeSchema,
  owner: (record) => ({ owner: roleOwner('locality-manager', record.locality), area: record.locality }),
  due: (context, timescales) => workingDaysDue('allocation', context.openedAt, timescales),
  journey: {
    asl: { stage: 'Allocation', entry: 'Allocate', routes: ['consent'], openedRoutes: ['consent'] },
    routedInExecution: true,
    // Allocated automatically between joining the list and this step.
    skipOpen: (record) =>
      record.status !== 'WAITING_LIST' ? (record.keyWorkerId ? 'consent' : 'end') : undefined,
    // The allocation itself happened when the task was completed (onComplete, or automatically).
    applyOutcome: async ({ record }) => (record.keyWorkerId ? 'consent' : 'repeat'),
  },
  /** Allocates the named worker under the capacity transaction before the task is marked completed. */
  async onComplete(db, task, outcome, actor, now) {
    const record = await cases.requireCase(db, task.caseId!);
    if (record.status !== 'WAITING_LIST') {
      throw new ConflictError(
        `case ${record.id} is no longer waiting (it is ${record.status})`,
        'not-waiting',
      );
    }
    await allocation.allocateCase(db, {
      caseId: record.id,
      expectedVersion: record.version,
      workerId: outcome.workerId,
      now,
      actor: auditActorOf(actor),
      taskId: task.id,
      metrics: journeyMetrics(now),
    });
  },
  /** Allocated another way (automatically) but the task was not closed: the system closes it. */
  doneElsewhere: (record) =>
    record.status !== 'WAITING_LIST' && record.keyWorkerId ? { workerId: record.keyWorkerId } : undefined,
  api: {
    outcomeNote:
      'Names the key worker: an active family support worker of the locality with room for the case (409 when they have none).',
    outcomeExample: { workerId: 'fsw-charnwood', reason: 'Knows the school well.' },
  },
} satisfies TaskBehaviour<CaseTaskDefinition<'allocation'>>);
