import { QueryCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../../shared/adapters/data/tasks';
import { FAMILY_PLAN_PREFIX } from '../../../shared/adapters/data/keys';
import { readPlan } from '../../../shared/domain/family-plan/plan';
import { setActionStatus, writePlan } from '../../../shared/domain/family-plan/plan-writes';
import type { FamilyPlanBody } from '../../../shared/core/schemas/family-plan';
import { completeTask } from '../../../shared/domain/journey';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { familyStar } from '../../support/fixtures';
import { review } from '../../support/journey-outcomes';
import { toSupport } from '../../support/journey-steps';
import { dbThrough } from '../../support/db-through';

// Every 12-week review goes through the family plan goal by goal (issue #18): progress and what
// changes for each goal, a Family Star Plus reading for each parent or carer, and the plan saved as
// its next version carrying the review; through the real engine, DynamoDB Local and the journey.

describe('the review of the family plan', () => {
  let h: JourneyHarness;
  let staff: StaffSet;

  beforeAll(async () => {
    h = await startJourneyHarness({ startTime: '2026-01-05T09:00:00Z', label: 'plan-review' });
    staff = await h.staffLocality('melton', { workers: 1 });
  });
  afterAll(() => h?.close());

  /** A family in support, its key worker as the actor, and a first plan of the given goals. */
  async function supportedWithPlan(goals: FamilyPlanBody['goals']) {
    const { record, worker } = await toSupport(h, staff);
    const actor = { kind: 'staff', userId: worker.id, role: worker.role, area: worker.area } as const;
    const plan = await writePlan(h.tables.db, record, actor, { goals, revises: 0 }, h.now());
    return { record, actor, plan };
  }

  /** The attendance goal every test's plan has, with its one action. */
  const attendanceGoal = (action: FamilyPlanBody['goals'][number]['actions'][number]) => ({
    goal: 'Full attendance',
    needs: ['missing-education' as const],
    outcomes: ['good-education' as const],
    actions: [action],
  });

  it('saves the plan, reviewed goal by goal with each carer star, as its next version; once', async () => {
    // Prepare: a family in support with a plan of two goals
    const { record, actor, plan } = await supportedWithPlan([
      attendanceGoal({
        what: 'Morning routine',
        owner: { kind: 'key-worker' },
        dueOn: '2026-02-01',
        status: 'not-started',
      }),
      {
        goal: 'Arrears cleared',
        needs: ['financial-difficulty'],
        outcomes: ['financial-stability'],
        actions: [],
      },
    ]);
    const [attendance, arrears] = plan.goals;
    await h.advanceTo(`${record.support!.nextReviewDue}T12:00:00Z`);
    const reviewTask = await h.openTask(record.id, 'review');
    const outcome = {
      ...review(reviewTask.dueDate, 'continue'),
      goals: [
        { goalId: attendance!.id, progress: 6, next: 'continue', comment: 'Most days on time.' },
        { goalId: arrears!.id, progress: 10, next: 'achieved' },
      ],
      carerStars: [
        { carer: 'Parent one', familyStar: familyStar(5) },
        { carer: 'Parent two', familyStar: familyStar(7) },
      ],
    };

    // Act
    await h.complete(reviewTask, actor, outcome);

    // Assess
    const read = await readPlan(h.tables.db, record.id, h.now());
    expect(read.versions.map((version) => version.change)).toEqual(['written', 'review']);
    expect(read.plan?.review).toEqual({
      taskId: reviewTask.id,
      heldOn: reviewTask.dueDate,
      goals: outcome.goals,
      carerStars: outcome.carerStars,
    });
    expect(read.plan?.goals.map((goal) => goal.status)).toEqual([undefined, 'achieved']);
    expect((await getTask(h.tables.db, reviewTask.id))?.status).toBe('COMPLETED');
    // A second completion is refused and writes no further version.
    await expect(h.complete(reviewTask, actor, outcome)).rejects.toThrow();
    expect((await readPlan(h.tables.db, record.id, h.now())).versions).toHaveLength(2);
  });

  it('refuses a review naming a goal the plan does not have, and completes nothing', async () => {
    // Prepare
    const { record, worker } = await toSupport(h, staff);
    const actor = h.staffActor(worker);
    await h.advanceTo(`${record.support!.nextReviewDue}T12:00:00Z`);
    const reviewTask = await h.openTask(record.id, 'review');
    const outcome = {
      ...review(reviewTask.dueDate, 'continue'),
      goals: [{ goalId: '01KB45G1H2J3K4M5N6P7Q8R9S0', progress: 3, next: 'continue' }],
    };

    // Act
    const refused = h.complete(reviewTask, actor, outcome);

    // Assess: no plan yet, so no goal to review
    await expect(refused).rejects.toMatchObject({ errors: [{ path: 'goals', rule: 'no_plan' }] });
    expect((await getTask(h.tables.db, reviewTask.id))?.status).toBe('OPEN');
    expect((await readPlan(h.tables.db, record.id, h.now())).plan).toBeNull();
  });

  it('reviews the plan version another write saved while the review was being completed', async () => {
    // Prepare: a family in support with a plan of one goal; an action's status is recorded just before
    // the review's own plan write (the same minute), taking the version the review was to write
    const { record, actor, plan } = await supportedWithPlan([
      attendanceGoal({
        what: 'Walk to school together',
        owner: { kind: 'family-member', name: 'Parent' },
        dueOn: '2026-02-01',
        status: 'not-started',
      }),
    ]);
    const [goal] = plan.goals;
    await h.advanceTo(`${record.support!.nextReviewDue}T12:00:00Z`);
    const reviewTask = await h.openTask(record.id, 'review');
    let raced = false;
    // Each transaction that writes the review's plan version: whether it also completes the task
    const reviewWrites: boolean[] = [];
    const send = async (command: unknown) => {
      const items = ((command as Partial<TransactWriteCommand>).input?.TransactItems ?? []) as {
        Put?: { Item?: Record<string, unknown> };
      }[];
      if (items.some((item) => item.Put?.Item?.change === 'review')) {
        reviewWrites.push(
          items.some((item) => item.Put?.Item?.id === reviewTask.id && item.Put.Item.status === 'COMPLETED'),
        );
      }
      if (!raced && items.some((item) => item.Put?.Item?.change === 'review')) {
        raced = true;
        await setActionStatus(
          h.tables.db,
          await h.caseOf(record.id),
          actor,
          goal!.actions[0]!.id,
          { status: 'in-progress', revises: plan.version },
          h.now(),
        );
      }
      return h.tables.db.client.send(command as TransactWriteCommand);
    };
    const racing = dbThrough(h.tables.db, send);

    // Act
    await completeTask(
      racing,
      reviewTask.id,
      actor,
      {
        ...review(reviewTask.dueDate, 'continue'),
        goals: [{ goalId: goal!.id, progress: 7, next: 'achieved' }],
      },
      h.now(),
    );
    await h.settle();

    // Assess: the status change and then the review, each its own version; the task completed in the
    // review's own transaction (the first lost to the status change, the second landed)
    expect(raced).toBe(true);
    expect(reviewWrites).toEqual([true, true]);
    const read = await readPlan(h.tables.db, record.id, h.now());
    expect(read.versions.map((version) => version.change)).toEqual(['written', 'action-status', 'review']);
    expect(read.plan?.review?.taskId).toBe(reviewTask.id);
    expect(read.plan?.goals.map((one) => [one.status, one.actions[0]!.status])).toEqual([
      ['achieved', 'in-progress'],
    ]);
    expect((await getTask(h.tables.db, reviewTask.id))?.status).toBe('COMPLETED');
  });

  it('syncs the plan tasks from the versions its completion read and wrote, reading the plan once', async () => {
    // Prepare: a family in support whose plan gives the key worker an action (a task of its own)
    const { record, actor, plan } = await supportedWithPlan([
      attendanceGoal({
        what: 'Morning routine',
        owner: { kind: 'key-worker' },
        dueOn: '2026-12-01',
        status: 'not-started',
      }),
    ]);
    const [goal] = plan.goals;
    await h.advanceTo(`${record.support!.nextReviewDue}T12:00:00Z`);
    const actionTask = (await h.tasksOf(record.id)).find(
      (task) => task.type === 'plan-action' && task.status === 'OPEN',
    );
    expect(actionTask?.planActionId).toBe(goal!.actions[0]!.id);
    const reviewTask = await h.openTask(record.id, 'review');
    // The completion's reads of the plan, through a client that counts them
    let planReads = 0;
    const send = (command: unknown) => {
      const values = (command as Partial<QueryCommand>).input?.ExpressionAttributeValues;
      if (command instanceof QueryCommand && values?.[':prefix'] === FAMILY_PLAN_PREFIX) planReads += 1;
      return h.tables.db.client.send(command as QueryCommand);
    };
    const counted = dbThrough(h.tables.db, send);

    // Act: the review achieves the goal
    await completeTask(
      counted,
      reviewTask.id,
      actor,
      {
        ...review(reviewTask.dueDate, 'continue'),
        goals: [{ goalId: goal!.id, progress: 9, next: 'achieved' }],
      },
      h.now(),
    );
    await h.settle();

    // Assess: the goal's action is no longer wanted, so its task was cancelled by the sync; one read
    const read = await readPlan(h.tables.db, record.id, h.now());
    expect(read.versions.map((version) => version.change)).toEqual(['written', 'review']);
    expect(read.plan?.goals.map((one) => one.status)).toEqual(['achieved']);
    expect(await getTask(h.tables.db, actionTask!.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'plan action finished',
    });
    expect((await getTask(h.tables.db, reviewTask.id))?.status).toBe('COMPLETED');
    expect(planReads).toBe(1);
  });
});
