import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulation, type SimulationRun } from '../../../local/simulate/run';
import { type SimulationSummary, summarise } from '../../../local/simulate/summary';
import { FINAL_CASE_STATUSES, OPEN_CASE_STATUSES } from '../../../shared/core/vocabulary/cases';

// A small county through the real local stack (the same workflows, handlers, tables and emails as
// npm start): 50 families over 120 days. Its books must balance.

describe('simulation of a small county', () => {
  let run: SimulationRun;
  let summary: SimulationSummary;

  beforeAll(async () => {
    run = await runSimulation({
      families: 50,
      days: 120,
      seed: 7,
      workers: 48,
      start: '2026-04-01',
      // Far above the default 3%, so that a small county has urgent screens to count
      urgentShare: 0.2,
      // Likewise above the default 5%, so that it has step-downs
      stepDownShare: 0.2,
      // And far above the default 5% re-referrals, so that there are families referred again to count
      reReferralShare: 0.3,
    });
    summary = await summarise(run);
  }, 600_000);
  afterAll(async () => {
    await run?.runtime.close();
  });

  it('ends every family in exactly one state, and the counts add up', () => {
    const { partnership, localities, reconciliation } = summary;
    expect(reconciliation.casesFound).toBe(50);
    expect(reconciliation.inOneState).toBe(50);
    const statuses = Object.entries(partnership.statuses);
    for (const [status] of statuses) {
      expect([...OPEN_CASE_STATUSES, ...FINAL_CASE_STATUSES]).toContain(status);
    }
    expect(statuses.reduce((sum, [, count]) => sum + count, 0)).toBe(50);
    expect(reconciliation.openCases + reconciliation.endedCases).toBe(50);
    expect(localities.reduce((sum, locality) => sum + locality.families, 0)).toBe(50);
    const closed = Object.values(partnership.closuresByReason).reduce((sum, count) => sum + count, 0);
    expect(closed).toBe(partnership.statuses.CLOSED ?? 0);
    // Families moved along: referrals were screened, some reached support.
    expect(partnership.statuses.RECEIVED ?? 0).toBe(0);
    expect((partnership.statuses.SUPPORT ?? 0) + (partnership.statuses.CLOSED ?? 0)).toBeGreaterThan(0);
  });

  it('screens its urgent referrals as urgent, mostly within their working hour', () => {
    const urgentFamilies = run.families.filter((family) => family.urgent).length;
    const { urgentScreens, urgentScreensInTimePercent } = summary.partnership;
    expect(urgentFamilies).toBeGreaterThan(3);
    // Every urgent family's screen was urgent and completed (the duty team acts within two hours)
    expect(urgentScreens).toBe(urgentFamilies);
    expect(urgentScreensInTimePercent).toBeGreaterThanOrEqual(50);
    expect(run.families.filter((family) => !family.urgent).length).toBe(50 - urgentFamilies);
  });

  it("sends its step-downs from children's social care straight to the hub, and counts them", () => {
    const stepDownFamilies = run.families.filter((family) => family.stepDown).length;
    const { stepDowns, stepDownPercent, stepDownsScreened } = summary.partnership;
    expect(stepDownFamilies).toBeGreaterThan(3);
    expect(stepDowns).toBe(stepDownFamilies);
    expect(stepDownPercent).toBe(Math.round((1000 * stepDownFamilies) / 50) / 10);
    expect(stepDownsScreened).toBe(0);
    expect(summary.localities.reduce((sum, locality) => sum + locality.stepDowns, 0)).toBe(stepDowns);
  });

  it('shows every family referred again its earlier record, and counts those ended within 12 months', () => {
    const again = run.families.filter((family) => family.reReferralOf !== undefined).length;
    const { reReferralsSimulated, reReferralsMatched, reReferralsCounted } = summary.partnership;
    expect(again).toBeGreaterThan(3);
    expect(reReferralsSimulated).toBe(again);
    expect(reReferralsMatched).toBe(again);
    expect(reReferralsCounted).toBeGreaterThan(0);
    expect(reReferralsCounted).toBeLessThanOrEqual(again);
    expect(summary.localities.reduce((sum, row) => sum + row.reReferralsCounted, 0)).toBe(reReferralsCounted);
  });

  it('leaves no failed or stuck execution, no orphaned task and no failed action', () => {
    expect(summary.engine.failedExecutions).toBe(0);
    expect(summary.engine.stuckExecutions).toBe(0);
    expect(summary.engine.openCasesWithoutJourney).toBe(0);
    expect(summary.engine.openTasksOnEndedCases).toBe(0);
    expect(summary.engine.casesWithSeveralOpenTasks).toBe(0);
    expect(summary.reconciliation.actionErrors).toEqual({});
  });

  it('counts the work it caused, and prices it', () => {
    const { work, engine, cost } = summary;
    expect(work.lambdaInvocations['submit-referral']).toBe(50);
    expect(work.lambdaInvocations['open-task']).toBeGreaterThanOrEqual(50);
    expect(work.dynamodb.itemsWritten).toBeGreaterThan(work.dynamodb.writeRequests - 1);
    expect(work.dynamodb.writesPerFamily).toBeCloseTo(work.dynamodb.itemsWritten / 50, 1);
    expect(work.emails).toBeGreaterThanOrEqual(50);
    expect(engine.stateTransitions).toBeGreaterThan(0);
    expect(engine.largestHistory?.events).toBeLessThan(25_000);
    expect(cost.total).toBeCloseTo(
      cost.stepFunctions + cost.lambda + cost.dynamodb + cost.ses + cost.apiGateway,
      10,
    );
    expect(cost.perFamilyYear).toBeCloseTo(cost.total / ((50 * 120) / 365), 10);
  });

  it("does the key worker's casework between tasks at the assumed rates, and prices it per family-year", () => {
    const { casework, partnership } = summary;
    const supported = (partnership.statuses.SUPPORT ?? 0) + (partnership.statuses.CLOSED ?? 0);
    expect(casework.kinds['plan-written'].count).toBeGreaterThan(0);
    expect(casework.kinds['plan-written'].count).toBeLessThanOrEqual(supported);
    // A note a week, a plan update every four weeks and a meeting every six: notes outnumber the rest
    expect(casework.kinds['case-note'].count).toBeGreaterThan(casework.kinds['plan-update'].count);
    expect(casework.kinds['plan-update'].count).toBeGreaterThanOrEqual(casework.kinds['taf-meeting'].count);
    expect(casework.kinds['taf-meeting'].count).toBeGreaterThan(0);
    // An identified need's outcome evidenced every four weeks in support (issue #19)
    expect(casework.kinds['outcome-evidence'].count).toBeGreaterThan(0);
    for (const figures of Object.values(casework.kinds)) {
      expect(figures.perFamilyYear).toBeCloseTo(figures.count / ((50 * 120) / 365), 1);
      expect(figures.cost).toBeGreaterThan(0);
    }
  });

  it('runs the results claim after the quarter end and reports it per quarter', () => {
    // The first quarter's claim (2 July): nobody has yet held their outcomes six months after closure.
    expect(summary.claims).toEqual([
      {
        window: '2026-27-Q1',
        status: 'nothing-to-claim',
        claimable: 0,
        sampled: 0,
        failedAudit: 0,
        claimed: 0,
      },
    ]);
  });
});
