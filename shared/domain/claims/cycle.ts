import {
  dueInWorkingDays,
  londonDate,
  parseQuarterId,
  previousQuarter,
  quarterOf,
} from '../../core/calendar';
import { taskTimescale, configuredLocalities } from '../../core/config';
import { outcomeFramework } from '../../core/config/outcome-framework';
import { SeededRandom } from '../../core/random';
import { SYSTEM_ACTOR } from '../../core/schemas/audit';
import type { ClaimCycle, ClaimFamily, ClaimFile } from '../../core/schemas/claims';
import { claimAuditOutcomeSchema } from '../../task-types/claim-audit/core';
import { claimSignOffOutcomeSchema } from '../../task-types/claim-sign-off/core';
import { auditPut, buildAuditEvent } from '../../adapters/data/audit';
import { getCase, listCasesByLocalityStatus } from '../../adapters/data/cases';
import { claimCyclePut, claimPut, getClaim, getClaimCycle } from '../../adapters/data/claims';
import {
  AlreadyExistsError,
  ConflictError,
  type Db,
  type TransactItem,
  transact,
} from '../../adapters/data/db';
import { requireTask } from '../../adapters/data/tasks';
import { incrementMetrics } from '../../adapters/data/metrics';
import { COUNTERS } from '../metrics/definitions';
import type { ReportTask } from '../reporting/cycle';
import { reportTaskDefinition } from '../tasks/types';
import { PARTNERSHIP } from '../tasks/types/report-scope';
import { countsIn, NOT_AUDITED } from './figures';
import { caseOutcomes } from './outcomes';
import { HEADLINE_IDS } from '../../core/vocabulary/needs';

// The results claim cycle (issue #19; Supporting Families programme guidance 2022 to 2025, chapter 5),
// run by workflows/claim-cycle.asl.json after each quarter: the list of claimable families per
// locality, a seeded random sample for internal audit, an audit task per locality to its senior, the
// head of service's sign-off, then the claim: each family claimed once (a conditional put per case)
// and the claim file (counts only). Every step derives from the window and the stored list, so a
// retried or restarted run reaches the same list, sample, tasks and claim.

/** The window a run claims for: the one given, or the quarter that ended just before the schedule fired. */
export function claimWindow(input: { window?: string; scheduledTime?: string }): string {
  if (input.window) return parseQuarterId(input.window).id;
  if (!input.scheduledTime) throw new RangeError('claim cycle: give window (2026-27-Q4) or scheduledTime');
  return previousQuarter(quarterOf(londonDate(input.scheduledTime))).id;
}

/** The families of one locality sampled for audit: a seeded shuffle, so a re-run draws the same. */
export function auditSample<T extends { caseId: string }>(
  window: string,
  locality: string,
  families: readonly T[],
): T[] {
  if (families.length === 0) return [];
  const { auditSampleShare, auditSampleMinimum } = outcomeFramework().claimTerms;
  const size = Math.min(
    families.length,
    Math.max(auditSampleMinimum, Math.ceil(auditSampleShare * families.length)),
  );
  const random = SeededRandom.stream(0, `claim-audit#${window}#${locality}`);
  const order = [...families].sort((a, b) => a.caseId.localeCompare(b.caseId));
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order.slice(0, size);
}

function taskSpec(
  type: 'claim-audit' | 'claim-sign-off',
  scope: string,
  window: string,
  from: string,
): ReportTask {
  const days = taskTimescale(type).dueInWorkingDays ?? 10;
  return {
    type,
    scope,
    period: window,
    ...reportTaskDefinition(type).owner(scope),
    dueDate: dueInWorkingDays(from, days),
    opensAt: from,
    uniqueKey: `${type}:${scope}:${window}`,
    executionName: `${type}-${scope}-${window}`,
  };
}

async function claimableIn(db: Db, locality: string, at: Date): Promise<Omit<ClaimFamily, 'sampled'>[]> {
  const found: Omit<ClaimFamily, 'sampled'>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCasesByLocalityStatus(db, locality, 'CLOSED', {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const record of page.items) {
      if (!record.assessment) continue;
      const { eligibility } = await caseOutcomes(db, record, at);
      if (!eligibility.claimable) continue;
      found.push({
        caseId: record.id,
        reference: record.reference,
        locality,
        headlines: eligibility.headlines,
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/** The window's list (made once) and the audit task of each locality with a sample. */
export async function prepareClaimCycle(
  db: Db,
  window: string,
  now: string,
): Promise<{ window: string; audits: ReportTask[] }> {
  let cycle = await getClaimCycle(db, window);
  if (!cycle) {
    const families: ClaimFamily[] = [];
    for (const locality of configuredLocalities()) {
      const claimable = await claimableIn(db, locality.id, new Date(now));
      const sampled = new Set(auditSample(window, locality.id, claimable).map((family) => family.caseId));
      families.push(...claimable.map((family) => ({ ...family, sampled: sampled.has(family.caseId) })));
    }
    const fresh: ClaimCycle = {
      window,
      frameworkVersion: outcomeFramework().version,
      preparedAt: new Date(now).toISOString(),
      status: 'audit',
      version: 1,
      families,
    };
    try {
      await transact(db, [claimCyclePut(db, fresh)], () => new AlreadyExistsError(`claim cycle ${window}`));
      cycle = fresh;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      cycle = (await getClaimCycle(db, window))!;
    }
  }
  const localities = [
    ...new Set(cycle.families.filter((family) => family.sampled).map((family) => family.locality)),
  ];
  return {
    window,
    audits: localities.sort().map((locality) => taskSpec('claim-audit', locality, window, cycle.preparedAt)),
  };
}

async function requireCycle(db: Db, window: string): Promise<ClaimCycle> {
  const cycle = await getClaimCycle(db, window);
  if (!cycle) throw new RangeError(`no claim cycle for ${window}`);
  return cycle;
}

function familyEvent(
  family: ClaimFamily,
  action: 'claim.audit-failed' | 'claim.family-claimed',
  window: string,
  at: string,
) {
  return buildAuditEvent({
    subject: `case#${family.caseId}`,
    caseId: family.caseId,
    at,
    actor: SYSTEM_ACTOR,
    action,
    details: { window },
  });
}

/** Applies the audits' results: a failed family leaves the claim with the reason. Answers the sign-off task. */
export async function recordClaimAudits(
  db: Db,
  window: string,
  auditTaskIds: readonly string[],
  now: string,
): Promise<{ signOff: ReportTask[] }> {
  const cycle = await requireCycle(db, window);
  const signOff = cycle.families.length > 0 ? [taskSpec('claim-sign-off', PARTNERSHIP, window, now)] : [];
  if (cycle.status !== 'audit') return { signOff };
  const failures = new Map<string, string>();
  const unaudited = new Set<string>();
  for (const id of auditTaskIds) {
    const task = await requireTask(db, id);
    if (task.status !== 'COMPLETED') {
      unaudited.add(task.area);
      continue;
    }
    const outcome = claimAuditOutcomeSchema.parse(task.outcome);
    for (const failed of outcome.failed) failures.set(`${task.area}#${failed.reference}`, failed.reason);
  }
  const families = cycle.families.map((family) => {
    if (!family.sampled) return family;
    const reason = unaudited.has(family.locality)
      ? NOT_AUDITED
      : failures.get(`${family.locality}#${family.reference}`);
    return reason ? { ...family, auditFailed: reason } : family;
  });
  const events = families
    .filter((family) => family.auditFailed)
    .map((family) => auditPut(db, familyEvent(family, 'claim.audit-failed', window, now)));
  const next: ClaimCycle = { ...cycle, families, status: 'sign-off', version: cycle.version + 1 };
  await writeCycle(db, next, cycle.version, events);
  return { signOff };
}

async function writeCycle(
  db: Db,
  next: ClaimCycle,
  replaces: number,
  also: TransactItem[] = [],
): Promise<void> {
  // At most 99 further items go with the cycle in one transaction; the rest follow (each put once).
  await transact(db, [claimCyclePut(db, next, replaces), ...also.slice(0, 99)], (failed) =>
    failed.includes(0)
      ? new ConflictError(`claim cycle ${next.window} changed meanwhile`, 'stale-version')
      : undefined,
  );
  for (const item of also.slice(99)) {
    await transact(db, [item], () => undefined).catch((error) => {
      if (!(error instanceof ConflictError)) throw error;
    });
  }
}

/** Counts per scope and headline (the claim file): no reference or personal detail. */
export function claimFileOf(cycle: ClaimCycle, approved: boolean, producedAt: string): ClaimFile {
  const scopes = [...configuredLocalities().map((locality) => locality.id), PARTNERSHIP];
  const rows: ClaimFile['rows'] = [];
  for (const scope of scopes) {
    for (const headline of ['all', ...HEADLINE_IDS] as const) {
      const counted = cycle.families.filter(
        (family) =>
          (scope === PARTNERSHIP || family.locality === scope) &&
          (headline === 'all' || family.headlines.includes(headline)),
      );
      rows.push({
        scope,
        headline,
        claimable: counted.length,
        sampled: counted.filter((family) => countsIn(family, 'sampled')).length,
        audited: counted.filter((family) => countsIn(family, 'audited')).length,
        failedAudit: counted.filter((family) => countsIn(family, 'failedAudit')).length,
        claimed: counted.filter((family) => countsIn(family, 'claimed')).length,
      });
    }
  }
  return {
    schemaVersion: 1,
    window: cycle.window,
    frameworkVersion: cycle.frameworkVersion,
    producedAt,
    approved,
    rows,
  };
}

/** The report counters a produced claim adds, per locality (the partnership adds up its localities). */
function claimCounters(done: ClaimCycle, period: string) {
  return configuredLocalities().map((locality) => {
    const mine = done.families.filter((family) => family.locality === locality.id);
    const claimed = mine.filter((family) => countsIn(family, 'claimed'));
    const increments: Record<string, number> = {
      [COUNTERS.claimsClaimable]: mine.length,
      [COUNTERS.claimsAudited]: mine.filter((family) => countsIn(family, 'audited')).length,
      [COUNTERS.claimsFailedAudit]: mine.filter((family) => countsIn(family, 'failedAudit')).length,
      [COUNTERS.claimsClaimed]: claimed.length,
    };
    for (const headline of HEADLINE_IDS) {
      increments[COUNTERS.claimsClaimedByHeadline(headline)] = claimed.filter((family) =>
        family.headlines.includes(headline),
      ).length;
    }
    return { scope: locality.id, period, increments };
  });
}

/** Why a family can no longer be claimed now, if it cannot (its evidence changed since the list). */
async function stillClaimable(db: Db, family: ClaimFamily, at: Date): Promise<string | undefined> {
  const record = await getCase(db, family.caseId);
  if (!record) return 'the case record is gone';
  const { eligibility } = await caseOutcomes(db, record, at);
  const missing = eligibility.missing.filter((item) => item.rule !== 'not-claimed');
  return missing[0]?.message;
}

/** Claims each family once (approved) and produces the claim file; a re-run finds it done. */
export async function produceClaim(
  db: Db,
  window: string,
  signOffTaskId: string | undefined,
  now: string,
): Promise<{ window: string; status: ClaimCycle['status']; claimed: number }> {
  const cycle = await requireCycle(db, window);
  const count = (done: ClaimCycle) => done.families.filter((family) => family.claimed).length;
  if (cycle.status !== 'audit' && cycle.status !== 'sign-off') {
    return { window, status: cycle.status, claimed: count(cycle) };
  }
  const task = signOffTaskId ? await requireTask(db, signOffTaskId) : undefined;
  const approved = task?.status === 'COMPLETED' && claimSignOffOutcomeSchema.parse(task.outcome).approved;
  const families: ClaimFamily[] = [];
  for (const family of cycle.families) {
    if (!approved || family.auditFailed) {
      families.push(family);
      continue;
    }
    const reason = await stillClaimable(db, family, new Date(now));
    if (reason) {
      families.push({ ...family, excluded: reason });
      continue;
    }
    const claim = {
      caseId: family.caseId,
      locality: family.locality,
      window,
      claimedAt: now,
      headlines: family.headlines,
      frameworkVersion: cycle.frameworkVersion,
    };
    try {
      await transact(
        db,
        [claimPut(db, claim), auditPut(db, familyEvent(family, 'claim.family-claimed', window, now))],
        (failed) => (failed.includes(0) ? new AlreadyExistsError(`claim ${family.caseId}`) : undefined),
      );
      families.push({ ...family, claimed: true });
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      // Claimed by this window's earlier attempt (a retry), or in another window: never twice.
      const earlier = await getClaim(db, family.caseId);
      families.push(
        earlier?.window === window
          ? { ...family, claimed: true }
          : { ...family, excluded: `already claimed in ${earlier?.window}` },
      );
    }
  }
  const status = cycle.families.length === 0 ? 'nothing-to-claim' : approved ? 'claimed' : 'not-approved';
  const done: ClaimCycle = { ...cycle, families, status, version: cycle.version + 1 };
  done.file = claimFileOf(done, approved, now);
  // The quarter's report counts the claims produced in it (once per window, however often this runs).
  await incrementMetrics(db, `claim-file#${window}`, claimCounters(done, quarterOf(londonDate(now)).id));
  await writeCycle(db, done, cycle.version);
  return { window, status, claimed: count(done) };
}
