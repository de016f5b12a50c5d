import { describe, expect, it } from 'vitest';
import type { FamilyPlan } from '../../../shared/core/schemas/family-plan';
import { reviewOutcomeSchema } from '../../../shared/task-types/review/core';
import { planBodyFrom, planCharts } from '../../../shared/pages/family-plan';
import { planReviewFrom } from '../../../shared/pages/task-forms/plan-review';
import { familyStar } from '../../support/fixtures';

// The review form's pass through the plan, and the charts across reviews (issue #18).

const GOAL_A = '01KB45G1H2J3K4M5N6P7Q8R9S0';
const GOAL_B = '01KB45G1H2J3K4M5N6P7Q8R9S1';

function version(n: number, review?: FamilyPlan['review']): FamilyPlan {
  return {
    caseId: '01KB3ZQ7M2X8F5N6P9R0S1T2V3',
    version: n,
    goals: [
      {
        id: GOAL_A,
        goal: 'Attendance',
        needs: ['missing-education'],
        outcomes: ['good-education'],
        actions: [],
      },
      {
        id: GOAL_B,
        goal: 'Arrears',
        needs: ['financial-difficulty'],
        outcomes: ['financial-stability'],
        actions: [],
      },
    ],
    change: review ? 'review' : 'written',
    ...(review ? { review } : {}),
    writtenBy: 'fsw-blaby',
    writtenAt: '2026-01-05T09:00:00.000Z',
  };
}

describe('the review form and the charts of the plan', () => {
  it('reads each goal row and each carer scored, leaving a blank carer out', () => {
    const values = {
      'goals.0.goalId': GOAL_A,
      'goals.0.progress': '6',
      'goals.0.next': 'continue',
      'goals.1.goalId': GOAL_B,
      'goals.1.progress': '10',
      'goals.1.next': 'achieved',
      'goals.1.comment': 'Cleared in March.',
      'carerStars.0.carer': 'Kerry',
      ...Object.fromEntries(
        Object.keys(familyStar(5)).map((area) => [`carerStars.0.familyStar.${area}`, '5']),
      ),
      'carerStars.1.carer': 'Lee',
    };

    const read = planReviewFrom(values);

    expect(read).toEqual({
      goals: [
        { goalId: GOAL_A, progress: 6, next: 'continue', comment: undefined },
        { goalId: GOAL_B, progress: 10, next: 'achieved', comment: 'Cleared in March.' },
      ],
      carerStars: [{ carer: 'Kerry', familyStar: familyStar(5) }],
    });
    const outcome = {
      heldOn: '2026-04-01',
      familyStar: familyStar(6),
      progress: 'Good.',
      decision: 'continue',
    };
    expect(reviewOutcomeSchema.safeParse({ ...outcome, ...read }).success).toBe(true);
    const missingProgress = reviewOutcomeSchema.safeParse({
      ...outcome,
      ...planReviewFrom({ 'goals.0.goalId': GOAL_A, 'goals.0.next': 'continue' }),
    });
    expect(missingProgress.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['goals.0.progress']);
  });

  it('draws each goal across reviews, and a star per carer, from the versions a review saved', () => {
    const versions = [
      version(1),
      version(2, {
        taskId: '01KB45G1H2J3K4M5N6P7Q8R9T0',
        heldOn: '2026-03-30',
        goals: [{ goalId: GOAL_A, progress: 3, next: 'continue' }],
        carerStars: [{ carer: 'Kerry', familyStar: familyStar(4) }],
      }),
      version(3, {
        taskId: '01KB45G1H2J3K4M5N6P7Q8R9T1',
        heldOn: '2026-06-22',
        goals: [
          { goalId: GOAL_A, progress: 7, next: 'continue' },
          { goalId: GOAL_B, progress: 10, next: 'achieved' },
        ],
        carerStars: [{ carer: 'Kerry', familyStar: familyStar(6) }],
      }),
    ];

    const { goalChart, carerCharts } = planCharts(versions);

    expect(goalChart?.readings.map((reading) => reading.label)).toEqual(['Review 1', 'Review 2']);
    expect(goalChart?.table).toEqual([
      { area: 'Attendance', scores: [3, 7] },
      { area: 'Arrears', scores: ['-', 10] },
    ]);
    expect(carerCharts.map((carer) => carer.carer)).toEqual(['Kerry']);
    expect(carerCharts[0]?.chart?.table[0]?.scores).toEqual([4, 6]);
    expect(planCharts([version(1)]).goalChart).toBeUndefined();
  });
});

describe("the plan form's action owner", () => {
  it("names a practitioner's partner account when one is chosen, and none otherwise", () => {
    const values = {
      goal: 'Attendance',
      needs: ['missing-education'],
      outcomes: ['good-education'],
      what: 'Weekly check-in at school',
      ownerKind: 'practitioner',
      ownerName: 'Sam Liaison',
      ownerRole: 'Family liaison',
      ownerAgency: 'Blaby Primary',
      'dueOn-day': '15',
      'dueOn-month': '1',
      'dueOn-year': '2099',
      revises: '0',
    };
    const chosen = planBodyFrom(undefined, { ...values, ownerPartnerId: 'demo-school' }) as {
      goals: { actions: { owner: unknown }[] }[];
    };
    const none = planBodyFrom(undefined, { ...values, ownerPartnerId: '' }) as typeof chosen;
    expect(chosen.goals[0]!.actions[0]!.owner).toEqual({
      kind: 'practitioner',
      name: 'Sam Liaison',
      role: 'Family liaison',
      agency: 'Blaby Primary',
      partnerId: 'demo-school',
    });
    expect(none.goals[0]!.actions[0]!.owner).not.toHaveProperty('partnerId');
  });
});
