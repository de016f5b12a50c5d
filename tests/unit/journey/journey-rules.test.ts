import { describe, expect, it } from 'vitest';
import { nextPlacement, roomiestFitting } from '../../../shared/domain/allocation/waiting-list';
import { caseWeight } from '../../../shared/core/config';
import { journeyIncrements, journeyMetrics, mergeChanges } from '../../../shared/domain/journey/metrics';
import {
  afterConsent,
  afterHubDecision,
  afterReview,
  afterScreen,
} from '../../../shared/domain/journey/routing';
import {
  afterReview as supportAfterReview,
  anotherReviewFits,
  isDrifting,
  reviewOpensOn,
  startSupport,
} from '../../../shared/domain/journey/support';
import { escalationTarget, mayCompleteTask, ownerFor } from '../../../shared/domain/tasks/owners';
import type { Case } from '../../../shared/core/schemas';
import { familyStar } from '../../support/fixtures';
import type { TaskType } from '../../../shared/core/config/task-types.generated';

describe('outcome routing', () => {
  it('steps up at the screen at once, otherwise goes to the hub', () => {
    expect(afterScreen({ decision: 'step-up', reason: 'Immediate risk' })).toEqual({
      route: 'end',
      status: 'STEPPED_UP',
    });
    expect(afterScreen({ decision: 'proceed', reason: 'No immediate risk' })).toEqual({
      route: 'hub-decision',
      status: 'HUB_DECISION',
    });
  });

  it('routes the hub decision to allocation with its support level, or ends it', () => {
    expect(
      afterHubDecision({ decision: 'family-support', supportLevel: 'enhanced', reason: 'Several needs' }),
    ).toEqual({ route: 'allocation', supportLevel: 'enhanced' });
    expect(afterHubDecision({ decision: 'redirect', service: 'Children’s centre', reason: 'Fits' })).toEqual({
      route: 'end',
      status: 'REDIRECTED',
    });
    expect(afterHubDecision({ decision: 'nfa', reason: 'No needs' })).toEqual({
      route: 'end',
      status: 'NFA',
    });
  });

  it('closes a case whose consent is declined, not obtained or never answered', () => {
    const given = afterConsent({
      decision: 'given',
      date: '2026-01-05',
      givenBy: 'Alex',
      relationship: 'parent',
    });
    expect(given).toEqual({ route: 'assessment', status: 'ASSESSMENT' });
    for (const outcome of [
      { decision: 'declined' as const, date: '2026-01-05', reason: 'Does not want help' },
      { decision: 'no-contact' as const, attempts: 3 },
      'timed-out' as const,
    ]) {
      expect(afterConsent(outcome)).toEqual({ route: 'end', status: 'CLOSED' });
    }
  });

  it('continues reviews while another fits, otherwise goes to closure; step up ends', () => {
    const review = { heldOn: '2026-04-01', familyStar: familyStar(6), progress: 'Good progress' };
    expect(afterReview({ ...review, decision: 'continue' }, true)).toEqual({ route: 'review' });
    expect(afterReview({ ...review, decision: 'continue' }, false)).toEqual({ route: 'closure' });
    expect(afterReview({ ...review, decision: 'close' }, true)).toEqual({ route: 'closure' });
    expect(afterReview({ ...review, decision: 'step-up' }, true)).toEqual({
      route: 'end',
      status: 'STEPPED_UP',
    });
  });
});

describe('support phase', () => {
  it('plans enhanced support for twelve months from allocation, the first review twelve weeks after it', () => {
    // Allocated Monday 5 January 2026, assessment completed on 16 February
    const support = startSupport('2026-01-05', '2026-02-16', 'enhanced');
    expect(support).toEqual({
      startedOn: '2026-02-16',
      reviewsFrom: '2026-01-05',
      endsOn: '2027-01-05',
      nextReviewDue: '2026-03-30',
    });
    expect(anotherReviewFits(support)).toBe(true);
  });

  it('moves a review that lands on a bank holiday to the next working day', () => {
    // Twelve weeks after Monday 27 January 2025 is Easter Monday, 21 April 2025.
    expect(startSupport('2025-01-27', '2025-02-10', 'standard').nextReviewDue).toBe('2025-04-22');
  });

  it('gives a late assessment its first review once the worker can prepare it, not on a past day', () => {
    // Allocated 5 January; the assessment finished on 1 April, after the twelve-week day (30 March)
    const support = startSupport('2026-01-05', '2026-04-01', 'enhanced');
    expect(support.nextReviewDue).toBe('2026-04-17');
    // The next keeps the allocation's cadence: 24 weeks after it
    expect(supportAfterReview(support, '2026-04-17').nextReviewDue).toBe('2026-06-22');
  });

  it('counts standard support from allocation: one review, then closure', () => {
    const support = startSupport('2026-01-05', '2026-02-16', 'standard');
    expect(support.endsOn).toBe('2026-04-05');
    expect(anotherReviewFits(support)).toBe(true);
    const afterFirst = supportAfterReview(support, '2026-03-30');
    expect(afterFirst.nextReviewDue).toBe('2026-06-22');
    expect(anotherReviewFits(afterFirst)).toBe(false);
  });

  it('keeps the cadence whether a review is held early or late', () => {
    const support = startSupport('2026-01-05', '2026-02-16', 'enhanced');
    // Held a week early: the next is still 24 weeks from allocation, not 12 from the early day
    expect(supportAfterReview(support, '2026-03-23').nextReviewDue).toBe('2026-06-22');
    // Held three weeks late: still 24 weeks from allocation
    expect(supportAfterReview(support, '2026-04-20').nextReviewDue).toBe('2026-06-22');
    // A record from before reviews counted from allocation: twelve weeks from the review
    const { reviewsFrom: _, ...older } = support;
    expect(supportAfterReview(older, '2026-04-20').nextReviewDue).toBe('2026-07-13');
  });

  it('gives enhanced support four reviews in its year', () => {
    let support = startSupport('2026-01-05', '2026-02-16', 'enhanced');
    let reviews = 0;
    while (anotherReviewFits(support)) {
      reviews += 1;
      support = supportAfterReview(support, support.nextReviewDue!);
    }
    expect(reviews).toBe(4);
  });

  it('opens the review task ten working days before it is due', () => {
    expect(reviewOpensOn('2026-03-30')).toBe('2026-03-16');
  });

  it('never flags a case on its plan as drifting; flags it once past its plan, or stuck before support', () => {
    // Enhanced support, allocated after months on the waiting list: on plan through its fourth review
    const support = startSupport('2026-05-04', '2026-06-15', 'enhanced');
    const onPlan = { status: 'SUPPORT' as const, receivedAt: '2026-01-05T10:00:00Z', support };
    expect(isDrifting(onPlan, '2027-04-30T10:00:00Z')).toBe(false);
    expect(isDrifting(onPlan, '2027-05-05T10:00:00Z')).toBe(true);
    // An extension moves the plan's end
    const extended = { ...onPlan, support: { ...support, endsOn: '2027-08-04' } };
    expect(isDrifting(extended, '2027-05-05T10:00:00Z')).toBe(false);
    // Not yet in support: drifting once open over twelve months
    const waiting = { status: 'WAITING_LIST' as const, receivedAt: '2026-01-05T10:00:00Z' };
    expect(isDrifting(waiting, '2026-12-01T10:00:00Z')).toBe(false);
    expect(isDrifting(waiting, '2027-01-06T10:00:00Z')).toBe(true);
    expect(isDrifting({ ...onPlan, status: 'CLOSED' }, '2028-06-01T10:00:00Z')).toBe(false);
  });
});

describe('allocation order', () => {
  const standard = caseWeight(false);
  const complex = caseWeight(true);

  it('weighs a complex case more than a standard one: six complex or ten standard fill a worker', () => {
    expect(standard * 10).toBe(30);
    expect(Math.floor(30 / complex)).toBe(6);
  });

  it('chooses the worker with the most room that fits, ties by id', () => {
    const workers = [
      { workerId: 'b', free: 6 },
      { workerId: 'a', free: 6 },
      { workerId: 'c', free: 4 },
    ];
    expect(roomiestFitting(workers, 5)?.workerId).toBe('a');
    expect(roomiestFitting(workers, 7)).toBeUndefined();
  });

  it('allocates the longest-waiting case first and never lets a lighter case overtake', () => {
    const waiting = [
      { id: 'complex-first', complex: true },
      { id: 'standard-second', complex: false },
    ];
    expect(nextPlacement(waiting, [{ workerId: 'w1', free: 3 }])).toBeNull();
    expect(nextPlacement(waiting, [{ workerId: 'w1', free: 5 }])).toEqual({
      caseId: 'complex-first',
      workerId: 'w1',
      weight: complex,
    });
    expect(nextPlacement([], [{ workerId: 'w1', free: 30 }])).toBeNull();
  });
});

describe('task owners and who may complete', () => {
  const record = { locality: 'charnwood', keyWorkerId: 'fsw-1' };

  it('gives each task type its owner', () => {
    expect(ownerFor('safeguarding-screen', record)).toEqual({
      owner: 'role:duty-social-worker:county',
      area: 'county',
    });
    expect(ownerFor('hub-decision', record).owner).toBe('role:hub-coordinator:charnwood');
    expect(ownerFor('allocation', record).owner).toBe('role:locality-manager:charnwood');
    expect(ownerFor('consent', record).owner).toBe('worker:fsw-1');
    expect(() => ownerFor('assessment', { locality: 'charnwood' })).toThrow(/key worker/);
  });

  it("escalates along each type's own chain, telling its last role again", () => {
    const levels = (type: TaskType) =>
      [1, 2, 3].map((level) => {
        const { role, area } = escalationTarget(type, level, 'charnwood');
        return `${role}:${area}`;
      });
    // A late screen stays inside First Response (county-wide), then the head of service.
    expect(levels('safeguarding-screen')).toEqual([
      'duty-manager:county',
      'head-of-service:county',
      'head-of-service:county',
    ]);
    expect(levels('consent')).toEqual([
      'senior:charnwood',
      'locality-manager:charnwood',
      'locality-manager:charnwood',
    ]);
    expect(levels('hub-decision')[0]).toBe('locality-manager:charnwood');
    // The locality manager's own tasks (allocation, a quarterly report) go to the head of service.
    expect(levels('allocation')[0]).toBe('head-of-service:county');
    expect(levels('quarterly-report')[0]).toBe('head-of-service:county');
  });

  it('lets the owner, their queue, and a senior of the area complete; nobody else', () => {
    const consent = { type: 'consent' as const, owner: 'worker:fsw-1', area: 'charnwood' };
    const staff = (userId: string, role: string, area: string) => ({
      kind: 'staff' as const,
      userId,
      role,
      area,
    });
    expect(mayCompleteTask(staff('fsw-1', 'family-support-worker', 'charnwood'), consent)).toBe(true);
    expect(mayCompleteTask(staff('fsw-2', 'family-support-worker', 'charnwood'), consent)).toBe(false);
    expect(mayCompleteTask(staff('sen-1', 'senior', 'charnwood'), consent)).toBe(true);
    expect(mayCompleteTask(staff('sen-2', 'senior', 'melton'), consent)).toBe(false);
    expect(mayCompleteTask({ kind: 'partner', partnerId: 'police' }, consent)).toBe(false);
    const hub = { type: 'hub-decision' as const, owner: 'role:hub-coordinator:charnwood', area: 'charnwood' };
    expect(mayCompleteTask(staff('hub-1', 'hub-coordinator', 'charnwood'), hub)).toBe(true);
    expect(mayCompleteTask(staff('hub-2', 'hub-coordinator', 'melton'), hub)).toBe(false);
  });
});

describe('metric counters', () => {
  const record = (status: Case['status'], overrides: Partial<Case> = {}) =>
    ({
      id: '01KE6P4YM0JDNCMDW8570FS72A',
      locality: 'melton',
      status,
      statusHistory: [],
      reviewCount: 0,
      referral: { source: 'partner', family: { members: [{}, {}] } },
      ...overrides,
    }) as unknown as Case;

  it('adds the status entered, and the end by source when the journey ends', () => {
    expect(journeyIncrements(record('HUB_DECISION'), record('NFA'))).toEqual({
      'status.NFA': 1,
      'ended.partner.NFA': 1,
    });
    expect(journeyIncrements(record('RECEIVED'), record('SCREENING'), { 'hub.decision.nfa': 1 })).toEqual({
      'status.SCREENING': 1,
      'hub.decision.nfa': 1,
    });
    expect(journeyIncrements(record('SUPPORT'), record('SUPPORT'))).toEqual({});
  });

  it('merges the journey’s counters with reporting’s into one item per locality and London quarter', () => {
    // 23:30 UTC on 30 June 2026 is 1 July in London: quarter 2.
    const metrics = journeyMetrics('2026-06-30T23:30:00Z', { extra: { 'hub.decision.nfa': 1 } });
    const changes = (metrics as (before: Case | undefined, after: Case) => unknown[])(
      record('HUB_DECISION'),
      record('NFA'),
    );
    expect(changes).toEqual([
      {
        scope: 'melton',
        period: '2026-27-Q2',
        increments: {
          'referrals.outcome.partner.nfa': 1,
          'status.NFA': 1,
          'ended.partner.NFA': 1,
          'hub.decision.nfa': 1,
        },
      },
    ]);
  });

  it('folds changes to the same counters item together and drops empty ones', () => {
    expect(
      mergeChanges([
        { scope: 'a', period: 'q', increments: { x: 1 } },
        { scope: 'a', period: 'q', increments: { x: 2, y: 1 } },
        { scope: 'b', period: 'q', increments: {} },
      ]),
    ).toEqual([{ scope: 'a', period: 'q', increments: { x: 3, y: 1 } }]);
  });
});
