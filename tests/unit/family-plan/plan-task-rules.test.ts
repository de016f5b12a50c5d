import { describe, expect, it } from 'vitest';
import type { FamilyPlan, PlanAction } from '../../../shared/core/schemas/family-plan';
import {
  checkPlanTask,
  planActionTaskKey,
  wantedPlanTasks,
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
      { actionId: 'A1', dueOn: '2026-03-02' },
      { actionId: 'A2', dueOn: '2026-04-01' },
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

  it('keys one task per action of a case', () => {
    expect(planActionTaskKey('C1', 'A1')).toBe('plan-action:C1:A1');
  });
});
