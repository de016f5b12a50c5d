import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskNotOpenError, tasks } from '../../../shared/adapters/data';
import { parseTaskOutcome } from '../../../shared/core/schemas';
import { completeTask } from '../../../shared/domain/journey';
import { auditActorOf } from '../../../shared/domain/tasks/actor';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { screen } from '../../support/journey-outcomes';

// Found by `npm run soak`: a completion whose request died after storing the task as COMPLETED and
// before resuming its wait (the API process killed, or the engine down) left the journey waiting
// until the task's next reminder, days later; the staff member's retry was told 409 and changed
// nothing. The retry now resumes the wait the first request left, then answers 409 as before.

describe('a retried completion after the first request died half-way', () => {
  let h: JourneyHarness;
  let staff: StaffSet;
  beforeAll(async () => {
    h = await startJourneyHarness({ startTime: '2026-04-01T08:00:00Z', label: 'completion-retry' });
    staff = await h.staffLocality('melton', { workers: 1 });
  });
  afterAll(() => h?.close());

  it('resumes the journey at once and still answers that the task is no longer open', async () => {
    // Prepare: the first request stored the completion and died before resuming the wait
    const referred = await h.refer({ locality: 'melton' });
    const task = await h.openTask(referred.id, 'safeguarding-screen');
    const duty = h.staffActor(staff.duty);
    const outcome = parseTaskOutcome('safeguarding-screen', screen.proceed());
    await tasks.completeTask(h.tables.db, task.id, {
      actor: auditActorOf(duty),
      outcome,
      now: h.now().toISOString(),
    });
    await h.settle();
    expect((await h.caseOf(referred.id)).status).toBe('SCREENING');
    // Act: the staff member's retry, the same outcome
    const retry = completeTask(h.tables.db, task.id, duty, screen.proceed(), h.now());
    await expect(retry).rejects.toBeInstanceOf(TaskNotOpenError);
    await h.settle();
    // Assess: the journey moved on without the clock moving, once
    const record = await h.caseOf(referred.id);
    expect(record.statusHistory.map((change) => change.status)).toEqual([
      'RECEIVED',
      'SCREENING',
      'HUB_DECISION',
    ]);
    expect((await tasks.getTask(h.tables.db, task.id))?.taskToken).toBeUndefined();
    const types = (await h.tasksOf(referred.id)).map((any) => any.type).sort();
    expect(types).toEqual(['hub-decision', 'safeguarding-screen']);
  }, 300_000);
});
