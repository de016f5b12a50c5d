import { describe, expect, it } from 'vitest';
import type { FamilyPlan, PlanAction } from '../../../shared/core/schemas/family-plan';
import {
  checkPlanTask,
  DONE_IN_PLAN,
  doneActionIds,
  planActionTaskKey,
  wantedPlanTasks,
  wantedPlanTasksOf,
} from '../../../shared/domain/family-plan/plan-task-rules';

// Which of a family plan's actions are staff tasks, and what an open task should become when the plan
// or the case changes (issue #18): the pure rules the plan's writes and each wake-up apply.

const action = (id: string, overrides: Partial<PlanAction> = {}): PlanAction => ({
  id,
  what: 'Something to do',
  owner: { kind: 'key-worker' },
  dueOn: '2026-03-02',
  status: 'not-started',
  ...overrides,
});

const goal = (id: string, actions: PlanAction[], status?: 'achieved' | 'dropped') => ({
  id,
  goal: 'A goal',
  needs: ['housing' as const],
  outcomes: ['good-education' as const],
  actions,
  ...(status ? { status } : {}),
});

const plan = (goals: FamilyPlan['goals']): Pick<FamilyPlan, 'goals'> => ({ goals });

describe('plan actions as tasks: the rules', () => {
  it('wants a task for each unfinished key-worker action under a goal still worked on', () => {
    // Prepare
    const written = plan([
      goal('G1', [
        action('A1'),
        action('A2', { status: 'in-progress', dueOn: '2026-04-01' }),
        action('A3', { status: 'done' }),
        action('A4', { status: 'dropped' }),
        action('A5', { owner: { kind: 'family-member', name: 'Kerry' } }),
        action('A6', { owner: { kind: 'practitioner', name: 'Sam', role: 'Nurse', agency: 'NHS' } }),
      ]),
      goal('G2', [action('A7')], 'achieved'),
      goal('G3', [action('A8')], 'dropped'),
    ]);
    // Act
    const wanted = wantedPlanTasks(written);
    // Assess
    expect([...wanted.values()]).toEqual([
      { actionId: 'A1', dueOn: '2026-03-02', round: 0 },
      { actionId: 'A2', dueOn: '2026-04-01', round: 0 },
    ]);
    expect(wantedPlanTasks(undefined).size).toBe(0);
  });

  it('keeps, moves or cancels an open task by the latest plan and the case', () => {
    // Prepare
    const wanted = wantedPlanTasks(plan([goal('G1', [action('A1', { dueOn: '2026-03-09' })])]));
    const open = { status: 'SUPPORT' as const, keyWorkerId: 'fsw-1' };
    const task = { planActionId: 'A1', dueDate: '2026-03-09', owner: 'worker:fsw-1' };
    // Act / Assess
    expect(checkPlanTask(task, open, wanted)).toEqual({ kind: 'keep' });
    expect(checkPlanTask({ ...task, dueDate: '2026-03-02' }, open, wanted)).toEqual({
      kind: 'move',
      dueDate: '2026-03-09',
    });
    expect(checkPlanTask(task, { ...open, keyWorkerId: 'fsw-2' }, wanted)).toEqual({
      kind: 'move',
      owner: 'worker:fsw-2',
    });
    expect(checkPlanTask({ ...task, planActionId: 'GONE' }, open, wanted)).toEqual({
      kind: 'cancel',
      reason: 'plan action finished',
    });
    expect(checkPlanTask(task, { ...open, status: 'CLOSED' }, wanted)).toEqual({
      kind: 'cancel',
      reason: 'case closed',
    });
    // The next meeting's task has no action: only the case's end or a new key worker changes it
    const meeting = { dueDate: '2026-05-01', owner: 'worker:fsw-1' };
    expect(checkPlanTask(meeting, open, wanted)).toEqual({ kind: 'keep' });
    expect(checkPlanTask(meeting, { ...open, keyWorkerId: 'fsw-2' }, wanted)).toEqual({
      kind: 'move',
      owner: 'worker:fsw-2',
    });
  });

  it('completes the task of an action marked done in the plan, and cancels a dropped one’s', () => {
    // Prepare
    const latest = plan([
      goal('G1', [action('A1', { status: 'done' }), action('A2', { status: 'dropped' })]),
    ]);
    const open = { status: 'SUPPORT' as const, keyWorkerId: 'fsw-1' };
    const task = { dueDate: '2026-03-02', owner: 'worker:fsw-1' };
    // Act / Assess
    const [wanted, done] = [wantedPlanTasks(latest), doneActionIds(latest)];
    expect(checkPlanTask({ ...task, planActionId: 'A1' }, open, wanted, done)).toEqual({
      kind: 'complete',
      outcome: DONE_IN_PLAN,
    });
    expect(checkPlanTask({ ...task, planActionId: 'A2' }, open, wanted, done)).toEqual({
      kind: 'cancel',
      reason: 'plan action finished',
    });
  });

  it('counts a round each time an action is wanted again after a version in which it was not', () => {
    // Prepare: A1 done then reopened twice (once by its goal); A2 handed to the family and back; A3 never left
    const versions = [
      plan([goal('G1', [action('A1'), action('A2'), action('A3')])]),
      plan([
        goal('G1', [
          action('A1', { status: 'done' }),
          action('A2', { owner: { kind: 'family-member', name: 'K' } }),
          action('A3'),
        ]),
      ]),
      plan([goal('G1', [action('A1', { status: 'in-progress' }), action('A2'), action('A3')])]),
      plan([goal('G1', [action('A1', { status: 'in-progress' }), action('A2'), action('A3')], 'achieved')]),
      plan([
        goal('G1', [
          action('A1', { status: 'in-progress' }),
          action('A2'),
          action('A3', { dueOn: '2026-05-01' }),
        ]),
      ]),
      // the same plan saved again: no new round
      plan([
        goal('G1', [
          action('A1', { status: 'in-progress' }),
          action('A2'),
          action('A3', { dueOn: '2026-05-01' }),
        ]),
      ]),
    ];
    // Act
    const wanted = wantedPlanTasksOf(versions);
    // Assess
    expect(Object.fromEntries([...wanted].map(([id, one]) => [id, one.round]))).toEqual({
      A1: 2,
      A2: 2,
      A3: 1,
    });
    expect(wantedPlanTasksOf([]).size).toBe(0);
    expect(wantedPlanTasksOf(versions.slice(0, 2)).has('A1')).toBe(false);
  });

  it('keys one task per action of a case and round, the first round as tasks always were', () => {
    expect(planActionTaskKey('C1', 'A1')).toBe('plan-action:C1:A1');
    expect(planActionTaskKey('C1', 'A1', 0)).toBe('plan-action:C1:A1');
    expect(planActionTaskKey('C1', 'A1', 2)).toBe('plan-action:C1:A1:r2');
  });
});
