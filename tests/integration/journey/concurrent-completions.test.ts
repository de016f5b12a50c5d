import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskNotOpenError } from '../../../shared/adapters/data';
import { completeTask } from '../../../shared/domain/journey';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { screen } from '../../support/journey-outcomes';

// Issue 15, "Proofs": 100 completions of one task at once make one transition: one completion wins,
// every other is told the task is no longer open, and the journey moves on once.

const COMPLETIONS = 100;

describe('concurrent completions of one task', () => {
  let h: JourneyHarness;
  let staff: StaffSet;
  beforeAll(async () => {
    h = await startJourneyHarness({ startTime: '2026-04-01T08:00:00Z', label: 'journey-race' });
    staff = await h.staffLocality('hinckley-bosworth', { workers: 1 });
  });
  afterAll(() => h?.close());

  it(`lets one of ${COMPLETIONS} completions win and moves the case once`, async () => {
    // Prepare
    const referred = await h.refer({ locality: 'hinckley-bosworth' });
    const task = await h.openTask(referred.id, 'safeguarding-screen');
    const duty = h.staffActor(staff.duty);
    // Act
    const results = await Promise.allSettled(
      Array.from({ length: COMPLETIONS }, () =>
        completeTask(h.tables.db, task.id, duty, screen.proceed(), h.now()),
      ),
    );
    await h.settle();
    // Assess
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.filter((result) => !(result.reason instanceof TaskNotOpenError))).toEqual([]);
    const completions = (await h.auditOf(referred.id)).filter(
      (event) => event.action === 'task.completed' && event.taskId === task.id,
    );
    expect(completions).toHaveLength(1);
    const record = await h.caseOf(referred.id);
    expect(record.statusHistory.map((change) => change.status)).toEqual([
      'RECEIVED',
      'SCREENING',
      'HUB_DECISION',
    ]);
    const types = (await h.tasksOf(referred.id)).map((any) => any.type).sort();
    expect(types).toEqual(['hub-decision', 'safeguarding-screen']);
    const journeys = await h.executions('journey');
    expect(journeys.filter((execution) => execution.status === 'FAILED')).toEqual([]);
  }, 300_000);
});
