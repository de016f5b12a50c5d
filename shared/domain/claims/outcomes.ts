import { londonDate } from '../../core/calendar';
import { headlineOf, outcomeFramework } from '../../core/config/outcome-framework';
import type { Case } from '../../core/schemas/case';
import type { ClaimEligibility, OutcomeEvidence, OutcomeEvidenceBody } from '../../core/schemas/claims';
import { type FieldError, ValidationError } from '../../core/schemas/validation-error';
import { auditPut, buildAuditEvent } from '../../adapters/data/audit';
import {
  claimLapsed,
  getClaim,
  listOutcomeEvidence,
  outcomeEvidencePut,
  unclaimedCheck,
} from '../../adapters/data/claims';
import { ConflictError, type Db, transact } from '../../adapters/data/db';
import { listPlanVersions } from '../../adapters/data/family-plan';
import { auditActorOf, type JourneyActor } from '../tasks/actor';
import { claimEligibility } from './eligibility';
import type { NeedId } from '../../core/vocabulary/needs';

// Outcome evidence per identified need (issue #19; Supporting Families programme guidance 2022 to 2025,
// chapter 5): what was achieved, its evidence source (a data check the framework names for the need's
// headline, or the practitioner's evidence) and the date. One item per need, replaced only by a write
// naming the version it read, in one transaction with its audit event (ids, the need, the source kind;
// never the text). Sending the same evidence again changes nothing (a retried POST, a second click).

type StaffActor = Extract<JourneyActor, { kind: 'staff' }>;

const ENDED_EARLY = new Set<Case['status']>(['STEPPED_UP', 'REDIRECTED', 'NFA', 'WITHDRAWN']);

function sameEvidence(stored: OutcomeEvidence, body: OutcomeEvidenceBody): boolean {
  return (
    stored.positive === body.positive &&
    stored.achieved === body.achieved &&
    stored.achievedOn === body.achievedOn &&
    JSON.stringify(stored.source) === JSON.stringify(body.source)
  );
}

function check(record: Case, body: OutcomeEvidenceBody, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!record.assessment?.needs.includes(body.need)) {
    errors.push({
      path: 'need',
      rule: 'not_identified',
      message: "not a need identified in the family's assessment",
    });
  }
  if (body.source.kind === 'data-check') {
    const checks = outcomeFramework().headlines[headlineOf(body.need)].dataChecks;
    if (!checks.includes(body.source.check)) {
      errors.push({
        path: 'source.check',
        rule: 'unknown_check',
        message: `not a data check for this need's headline outcome (one of: ${checks.join(', ')})`,
      });
    }
  }
  if (body.achievedOn > today) {
    errors.push({
      path: 'achievedOn',
      rule: 'not_in_future',
      message: 'an outcome is recorded once achieved',
    });
  }
  return errors;
}

/** Records (or revises) a need's outcome evidence; `created` is false when it was already so. */
export async function recordOutcomeEvidence(
  db: Db,
  record: Case,
  caller: StaffActor,
  body: OutcomeEvidenceBody,
  at: Date,
): Promise<{ created: boolean; evidence: OutcomeEvidence }> {
  if (!record.assessment || ENDED_EARLY.has(record.status)) {
    throw new ConflictError(
      "outcomes are recorded against the needs of a family's whole family assessment",
      'no-assessment',
    );
  }
  const errors = check(record, body, londonDate(at));
  if (errors.length > 0) throw new ValidationError(errors);
  const stored = (await listOutcomeEvidence(db, record.id)).find((evidence) => evidence.need === body.need);
  if (stored && sameEvidence(stored, body)) return { created: false, evidence: stored };
  if ((stored?.version ?? undefined) !== body.revises) {
    throw new ConflictError(
      stored
        ? `the need's evidence is at version ${stored.version}: name it in revises`
        : 'the need has no evidence yet to revise',
      'stale-version',
    );
  }
  const framework = outcomeFramework();
  const evidence: OutcomeEvidence = {
    caseId: record.id,
    need: body.need,
    headline: headlineOf(body.need, framework),
    positive: body.positive,
    achieved: body.achieved,
    source: body.source,
    achievedOn: body.achievedOn,
    version: (stored?.version ?? 0) + 1,
    recordedBy: caller.userId,
    recordedAt: at.toISOString(),
    frameworkVersion: framework.version,
  };
  const audit = buildAuditEvent({
    subject: `case#${record.id}`,
    caseId: record.id,
    at: evidence.recordedAt,
    actor: auditActorOf(caller),
    action: 'case.outcome-recorded',
    details: {
      need: evidence.need,
      headline: evidence.headline,
      positive: evidence.positive,
      source: evidence.source.kind === 'data-check' ? evidence.source.check : 'practitioner',
      version: evidence.version,
    },
  });
  // The claim is checked in the evidence's own transaction (no read before it): a claim made at any
  // moment before the write refuses it, as a claim read first did, and one made after the read too.
  await transact(
    db,
    [outcomeEvidencePut(db, evidence, stored?.version), auditPut(db, audit), unclaimedCheck(db, record.id)],
    (failed) =>
      failed.includes(2)
        ? new ConflictError('the family has been claimed: its evidence is kept as claimed', 'claimed')
        : failed.includes(0)
          ? new ConflictError('the evidence changed meanwhile: read it again', 'stale-version')
          : undefined,
  );
  return { created: true, evidence };
}

/** A case's outcome evidence and its claim eligibility today. */
export async function caseOutcomes(
  db: Db,
  record: Case,
  at: Date,
): Promise<{ items: OutcomeEvidence[]; eligibility: ClaimEligibility }> {
  const [items, plans, reReferred, claim] = await Promise.all([
    listOutcomeEvidence(db, record.id),
    listPlanVersions(db, record.id),
    claimLapsed(db, record.id),
    getClaim(db, record.id),
  ]);
  const eligibility = claimEligibility(
    { record, hasPlan: plans.length > 0, outcomes: items, reReferred, claimed: claim !== undefined },
    londonDate(at),
  );
  const order = new Map((record.assessment?.needs ?? []).map((need, index) => [need as NeedId, index]));
  items.sort((a, b) => (order.get(a.need) ?? 99) - (order.get(b.need) ?? 99));
  return { items, eligibility };
}
