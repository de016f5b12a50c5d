import { describe, expect, it } from 'vitest';
import {
  ValidationError,
  parseOwner,
  parseTaskOutcome,
  taskOutcomeSchemas,
  taskOwnerSchema,
  taskSchema,
} from '../../../shared/core/schemas';
import { familyStar } from '../../support/fixtures';
import { roleOwner, workerOwner } from '../../../shared/core/vocabulary/tasks';
import { toTaskSummary } from '../../../shared/core/task-summary';
import { TASK_TYPES } from '../../../shared/core/config/task-types.generated';
import { FAMILY_STAR_AREA_IDS } from '../../../shared/core/vocabulary/family-star';

const validOutcomes: Record<(typeof TASK_TYPES)[number], unknown> = {
  'safeguarding-screen': { decision: 'proceed', reason: 'No immediate risk' },
  'hub-decision': { decision: 'family-support', supportLevel: 'enhanced', reason: 'Several needs' },
  allocation: { workerId: 'fsw-charnwood-1' },
  consent: { decision: 'given', date: '2026-12-01', givenBy: 'Alex Example', relationship: 'parent' },
  assessment: {
    completedOn: '2027-01-20',
    needs: ['financial-difficulty', 'crime'],
    familyStar: familyStar(4),
    plan: {
      summary: 'Budgeting and school routine',
      goals: [{ need: 'crime', goal: 'No offending', actions: 'Youth club' }],
    },
  },
  review: { heldOn: '2027-04-14', familyStar: familyStar(6), progress: 'Going well', decision: 'continue' },
  closure: {
    reason: 'plan-completed',
    outcomes: { needsResolved: ['crime'], needsOutstanding: [], summary: 'Plan completed' },
  },
  'quarterly-report': { commentary: 'A steady quarter.' },
  'annual-report': { commentary: 'A steady year.' },
  'annual-conversation': { heldOn: '2026-11-18', attendees: ['Head of service'], notes: 'Agreed priorities' },
  'plan-action': { note: 'Went with the family to the housing office.' },
  'claim-audit': { failed: [{ reference: 'SLF-2026-00042', reason: 'No attendance data' }] },
  'claim-sign-off': { approved: true, commentary: 'Approved' },
};

describe('task outcomes', () => {
  it('has an outcome schema for every task type in the contract', () => {
    expect(Object.keys(taskOutcomeSchemas).sort()).toEqual([...TASK_TYPES].sort());
  });

  it.each(TASK_TYPES.map((type) => [type]))('accepts a valid %s outcome', (type) => {
    expect(() => parseTaskOutcome(type, validOutcomes[type])).not.toThrow();
  });

  it.each<[string, (typeof TASK_TYPES)[number], unknown, string, string]>([
    [
      'screen decision outside the contract',
      'safeguarding-screen',
      { decision: 'maybe', reason: 'x' },
      'decision',
      'enum',
    ],
    [
      'hub support without a level',
      'hub-decision',
      { decision: 'family-support', reason: 'x' },
      'supportLevel',
      'required',
    ],
    [
      'redirect without the service',
      'hub-decision',
      { decision: 'redirect', reason: 'x' },
      'service',
      'required',
    ],
    [
      'consent given without who',
      'consent',
      { decision: 'given', date: '2026-12-01', relationship: 'parent' },
      'givenBy',
      'required',
    ],
    [
      'a Family Star score of 11',
      'review',
      { ...(validOutcomes.review as object), familyStar: { ...familyStar(5), 'home-money': 11 } },
      'familyStar.home-money',
      'max',
    ],
    [
      'a Family Star area missing',
      'assessment',
      {
        ...(validOutcomes.assessment as object),
        familyStar: { ...familyStar(5), 'progress-to-work': undefined },
      },
      'familyStar.progress-to-work',
      'required',
    ],
    [
      'a Family Star score of 2.5',
      'assessment',
      { ...(validOutcomes.assessment as object), familyStar: { ...familyStar(5), 'well-being': 2.5 } },
      'familyStar.well-being',
      'integer',
    ],
    [
      'a plan goal for a need not assessed',
      'assessment',
      {
        ...(validOutcomes.assessment as object),
        plan: { summary: 's', goals: [{ need: 'housing', goal: 'g', actions: 'a' }] },
      },
      'plan.goals.0.need',
      'need_assessed',
    ],
    [
      'a closure reason off the list',
      'closure',
      { ...(validOutcomes.closure as object), reason: 'bored' },
      'reason',
      'enum',
    ],
    ['an extra field', 'quarterly-report', { commentary: 'c', approved: true }, 'approved', 'unknown_field'],
  ])('rejects %s', (_, type, outcome, path, rule) => {
    // Act
    let caught: unknown;
    try {
      parseTaskOutcome(type, outcome);
    } catch (error) {
      caught = error;
    }
    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).errors).toContainEqual(expect.objectContaining({ path, rule }));
  });

  it('knows the ten Family Star Plus areas of the contract', () => {
    expect(FAMILY_STAR_AREA_IDS).toHaveLength(10);
    expect(FAMILY_STAR_AREA_IDS).toContain('progress-to-work');
  });
});

describe('task records', () => {
  const task = {
    id: '01JD0000000000000000000000',
    type: 'consent',
    status: 'OPEN',
    caseId: '01JD0000000000000000000001',
    caseReference: 'SLF-2027-00042',
    area: 'charnwood',
    owner: workerOwner('fsw-1'),
    dueDate: '2026-12-04',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    remindersSent: 0,
    escalationLevel: 0,
    taskToken: 'secret-token',
    version: 1,
  };

  it('accepts a task and summarises it for lists without the token', () => {
    const parsed = taskSchema.parse(task);
    const summary = toTaskSummary(parsed);
    expect(summary).toEqual({
      id: task.id,
      type: 'consent',
      caseId: task.caseId,
      caseReference: 'SLF-2027-00042',
      status: 'OPEN',
      dueDate: '2026-12-04',
      priority: 'normal',
      owner: 'worker:fsw-1',
    });
    expect(JSON.stringify(summary)).not.toContain('secret-token');
  });

  it('summarises an urgent task with its priority and due time', () => {
    const urgent = taskSchema.parse({
      ...task,
      type: 'safeguarding-screen',
      owner: 'role:duty-social-worker:county',
      area: 'county',
      priority: 'urgent',
      dueAt: '2026-11-20T11:00:00.000Z',
      dueDate: '2026-11-20',
    });
    expect(toTaskSummary(urgent)).toMatchObject({ priority: 'urgent', dueAt: '2026-11-20T11:00:00.000Z' });
    expect(taskSchema.safeParse({ ...task, priority: 'normal' }).success).toBe(false);
  });

  it('names owners as a worker or a role queue in an area', () => {
    expect(roleOwner('hub-coordinator', 'melton')).toBe('role:hub-coordinator:melton');
    expect(parseOwner('role:duty-social-worker:county')).toEqual({
      kind: 'role',
      role: 'duty-social-worker',
      area: 'county',
    });
    expect(parseOwner('worker:fsw-1')).toEqual({ kind: 'worker', workerId: 'fsw-1' });
    expect(taskOwnerSchema.safeParse('role:janitor:melton').success).toBe(false);
    expect(taskOwnerSchema.safeParse('role:senior:rutland').success).toBe(false);
  });

  it('rejects a bad case reference and a bad due date', () => {
    const result = taskSchema.safeParse({ ...task, caseReference: 'ABC-1', dueDate: '04/12/2026' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['caseReference', 'dueDate']));
  });
});
