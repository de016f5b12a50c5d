import { describe, expect, it } from 'vitest';
import { caseIncrements, caseMetricChanges } from '../../../shared/domain/metrics/case-events';
import { COUNTERS, counterDefinitions } from '../../../shared/domain/metrics/definitions';
import { type Case, caseSchema } from '../../../shared/core/schemas';
import { familyStar } from '../../support/fixtures';
import { referral } from '../../support/records';
import type { CaseStatus } from '../../../shared/core/vocabulary/cases';

const RECEIVED_AT = '2026-05-04T09:00:00.000Z';

function baseCase(overrides: Partial<Case> = {}): Case {
  return caseSchema.parse({
    id: '01JD0000000000000000000AAA',
    reference: 'SLF-2026-00001',
    status: 'RECEIVED',
    locality: 'charnwood',
    referral: referral(),
    receivedAt: RECEIVED_AT,
    updatedAt: RECEIVED_AT,
    version: 1,
    needs: ['looking-after-children'],
    complex: false,
    possibleDuplicates: [],
    reviewCount: 0,
    statusHistory: [{ status: 'RECEIVED', at: RECEIVED_AT }],
    ...overrides,
  });
}

function moved(from: Case, status: CaseStatus, at: string, changes: Partial<Case> = {}): Case {
  return {
    ...from,
    ...changes,
    status,
    version: from.version + 1,
    updatedAt: at,
    statusHistory: [...from.statusHistory, { status, at }],
  };
}

const assessment = {
  completedOn: '2026-06-10',
  dueDate: '2026-06-30',
  onTime: true,
  needs: ['looking-after-children', 'financial-difficulty', 'housing'] as Case['needs'],
  familyStar: familyStar(4),
};

describe('counters a case change moves', () => {
  it('counts a new referral by its source, in the locality and quarter it arrived', () => {
    // Prepare
    const created = baseCase();
    // Act
    const changes = caseMetricChanges(undefined, created, { now: RECEIVED_AT });
    // Assess
    expect(changes).toEqual([
      {
        scope: 'charnwood',
        period: '2026-27-Q1',
        increments: { 'referrals.received': 1, 'referrals.month.05': 1, 'referrals.source.partner': 1 },
      },
    ]);
  });

  it("counts a step-down from children's social care as a staff referral and a step-down", () => {
    // Prepare
    const { partnerId: _partnerId, ...partner } = referral();
    const stepDown = {
      ...partner,
      source: 'staff',
      enteredBy: 'duty',
      route: 'step-down',
      stepDown: { summary: 'Child in need plan ended.' },
    };
    const contact = { ...partner, source: 'staff', enteredBy: 'duty', receivedVia: 'phone' };
    // Act
    const steppedDown = caseIncrements(undefined, baseCase({ referral: stepDown as Case['referral'] }), {
      now: RECEIVED_AT,
    });
    const phoned = caseIncrements(undefined, baseCase({ referral: contact as Case['referral'] }), {
      now: RECEIVED_AT,
    });
    // Assess
    expect(steppedDown).toEqual({
      'referrals.received': 1,
      'referrals.month.05': 1,
      'referrals.source.staff': 1,
      'referrals.stepDowns': 1,
    });
    expect(phoned).toEqual({ 'referrals.received': 1, 'referrals.month.05': 1, 'referrals.source.staff': 1 });
  });

  it('counts a re-referral (its family’s earlier record ended within 12 months) once, at intake', () => {
    const created = baseCase({ reReferralOf: '01JD0000000000000000000BBB' });
    const changes = caseMetricChanges(undefined, created, { now: RECEIVED_AT });
    expect(changes[0]!.increments).toEqual({
      'referrals.received': 1,
      'referrals.month.05': 1,
      'referrals.source.partner': 1,
      'referrals.reReferred': 1,
    });
    const screened = moved(created, 'SCREENING', RECEIVED_AT);
    expect(caseIncrements(created, screened, { now: RECEIVED_AT })['referrals.reReferred']).toBeUndefined();
  });

  it('puts a change at 00:30 BST on 1 July into Q2, not the UTC day before', () => {
    const hub = moved(baseCase(), 'HUB_DECISION', RECEIVED_AT);
    const changes = caseMetricChanges(hub, moved(hub, 'NFA', '2026-06-30T23:30:00.000Z'), {
      now: '2026-06-30T23:30:00.000Z',
    });
    expect(changes[0]!.period).toBe('2026-27-Q2');
    expect(changes[0]!.increments).toEqual({ 'referrals.outcome.partner.nfa': 1 });
  });

  it('counts allocation as the referral outcome only the first time', () => {
    const hub = moved(baseCase(), 'HUB_DECISION', RECEIVED_AT);
    const allocated = moved(hub, 'ALLOCATED', RECEIVED_AT, {
      allocatedAt: RECEIVED_AT,
      keyWorkerId: 'fsw-1',
    });
    const backToList = moved(allocated, 'WAITING_LIST', '2026-05-11T09:00:00.000Z', {
      waitingSince: '2026-05-11T09:00:00.000Z',
    });
    const reallocated = moved(backToList, 'ALLOCATED', '2026-05-21T09:00:00.000Z');

    expect(caseIncrements(hub, allocated, { now: RECEIVED_AT })).toEqual({
      'referrals.outcome.partner.allocated': 1,
    });
    expect(caseIncrements(backToList, reallocated, { now: '2026-05-21T09:00:00.000Z' })).toEqual({
      'waitingList.left': 1,
      'waitingList.daysWaited': 10,
    });
  });

  it('counts engagement once, with the household members, when consent is given', () => {
    const consent = moved(baseCase(), 'CONSENT', RECEIVED_AT, { allocatedAt: RECEIVED_AT });
    const members = consent.referral.family.members.length;
    expect(caseIncrements(consent, moved(consent, 'ASSESSMENT', RECEIVED_AT), { now: RECEIVED_AT })).toEqual({
      'families.engaged': 1,
      'individuals.engaged': members,
    });
  });

  it('counts an assessment, whether on time, and the needs it recorded', () => {
    const before = moved(baseCase(), 'ASSESSMENT', RECEIVED_AT, { allocatedAt: RECEIVED_AT });
    const after = moved(before, 'SUPPORT', '2026-06-10T10:00:00.000Z', {
      assessment: { ...assessment, onTime: false },
    });
    expect(caseIncrements(before, after, { now: '2026-06-10T10:00:00.000Z' })).toEqual({
      'assessments.completed': 1,
      'issues.looking-after-children': 1,
      'issues.financial-difficulty': 1,
      'issues.housing': 1,
    });
  });

  it('counts a review held by its due date as on time, with the Family Star baseline and reading', () => {
    const before = {
      ...moved(baseCase(), 'SUPPORT', RECEIVED_AT, { allocatedAt: RECEIVED_AT, assessment }),
      support: { startedOn: '2026-06-10', endsOn: '2026-09-10', nextReviewDue: '2026-09-02' },
    } as Case;
    const onDueDay = {
      ...before,
      version: before.version + 1,
      reviewCount: 1,
      latestFamilyStar: { ...familyStar(4), 'home-money': 7 },
      support: { startedOn: '2026-06-10', endsOn: '2026-09-10', lastReviewOn: '2026-09-02' },
    } as Case;
    const dayLate = {
      ...onDueDay,
      support: { ...(onDueDay as any).support, lastReviewOn: '2026-09-03' },
    } as Case;

    const onTime = caseIncrements(before, onDueDay, { now: '2026-09-02T10:00:00.000Z' });
    const late = caseIncrements(before, dayLate, { now: '2026-09-03T10:00:00.000Z' });

    expect(onTime['reviews.held']).toBe(1);
    expect(onTime['reviews.onTime']).toBe(1);
    expect(onTime['familyStar.readings']).toBe(1);
    expect(onTime['familyStar.baseline.home-money']).toBe(4);
    expect(onTime['familyStar.latest.home-money']).toBe(7);
    expect(late['reviews.held']).toBe(1);
    expect(late['reviews.onTime']).toBeUndefined();
  });

  it('counts a closure by reason and outcome, and a claim candidate with three headline areas all met', () => {
    const support = moved(baseCase(), 'SUPPORT', RECEIVED_AT, { allocatedAt: RECEIVED_AT, assessment });
    const closed = moved(support, 'CLOSED', '2026-12-01T10:00:00.000Z', {
      closure: { on: '2026-12-01', reason: 'plan-completed' },
    });
    const allMet = caseIncrements(support, closed, {
      now: '2026-12-01T10:00:00.000Z',
      closureOutcome: { needsResolved: assessment.needs, needsOutstanding: [] },
    });
    const someMet = caseIncrements(support, closed, {
      now: '2026-12-01T10:00:00.000Z',
      closureOutcome: { needsResolved: ['housing'], needsOutstanding: ['financial-difficulty'] },
    });
    expect(allMet).toEqual({
      'closures.total': 1,
      'closures.reason.plan-completed': 1,
      'closures.outcome.needs-met': 1,
      'claims.candidates': 1,
    });
    expect(someMet).toEqual({
      'closures.total': 1,
      'closures.reason.plan-completed': 1,
      'closures.outcome.some-needs-met': 1,
    });
  });

  it('counts a step-up before allocation as a referral outcome and after it as a closure', () => {
    const screening = moved(baseCase(), 'SCREENING', RECEIVED_AT);
    const support = moved(baseCase(), 'SUPPORT', RECEIVED_AT, { allocatedAt: RECEIVED_AT });
    expect(
      caseIncrements(screening, moved(screening, 'STEPPED_UP', RECEIVED_AT), { now: RECEIVED_AT }),
    ).toEqual({
      'referrals.outcome.partner.stepped-up': 1,
    });
    expect(caseIncrements(support, moved(support, 'STEPPED_UP', RECEIVED_AT), { now: RECEIVED_AT })).toEqual({
      'closures.total': 1,
      'closures.reason.stepped-up': 1,
      'closures.outcome.stepped-up': 1,
    });
  });

  it('defines every counter it can emit', () => {
    const names = new Set(counterDefinitions().map((definition) => definition.name));
    expect(names.has(COUNTERS.referralOutcome('self', 'withdrawn'))).toBe(true);
    expect(names.has(COUNTERS.closuresByReason('withdrawn'))).toBe(true);
    expect(names.has(COUNTERS.issueAtStart('violent-child'))).toBe(true);
    expect(names.size).toBe(counterDefinitions().length);
  });
});
