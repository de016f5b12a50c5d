import { findPossibleMatches, getCase, requireCase } from '../../adapters/data/cases';
import { type Db, NotFoundError } from '../../adapters/data/db';
import {
  listMatchDecisions,
  type MatchDecision,
  type MatchFound,
  type MatchDecisionRecord,
  recordMatchDecision,
} from '../../adapters/data/matches';
import type { MatchKind, MatchStrength } from '../../core/matching';
import { canSeeCase, type StaffCaller } from '../access/rules';
import type { Case } from '../../core/schemas/case';
import { ValidationError } from '../../core/schemas/validation-error';
import { auditActorOf, type JourneyActor } from '../tasks/actor';
import { COUNTY } from '../../core/vocabulary/areas';

// One family, one record (seeds/003: "a single view of the family"): a referral is never merged into
// an earlier record; the duty officer sees the records that may be the same family, with their
// outcomes, and links each (the same family: both records then show the other) or dismisses it (not
// the same family). Every decision is audited; deciding again the same way changes nothing.

/** How many possible matches a screen shows (a refuge's address may match hundreds; the count says so). */
export const MATCHES_SHOWN = 20;

/** An earlier (or later) record as the screener sees it: facts and outcome, no names. */
export interface MatchView {
  caseId: string;
  reference: string;
  status: Case['status'];
  locality: Case['locality'];
  receivedAt: string;
  endedAt?: string;
  closureReason?: string;
  strength?: MatchStrength;
  kinds: MatchKind[];
  decision?: MatchDecision;
  decidedAt?: string;
}

/** What a match or a search shows of a record: its facts, never a name (the search answers the same). */
export function viewOf(record: Case, extra: Partial<MatchView> = {}): MatchView {
  return {
    caseId: record.id,
    reference: record.reference,
    status: record.status,
    locality: record.locality,
    receivedAt: record.receivedAt,
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    ...(record.closure ? { closureReason: record.closure.reason } : {}),
    kinds: [],
    ...extra,
  };
}

function decisionFields(decision: MatchDecisionRecord | undefined): Partial<MatchView> {
  return decision ? { decision: decision.decision, decidedAt: decision.decidedAt } : {};
}

/**
 * The records that may be the same family as this case, strong matches first (at most MATCHES_SHOWN,
 * `total` says how many in all), each with the decision on it if one was made. Only those the caller
 * may open (the case page's rule): another locality's record is not there, as on every other page,
 * so the count is of what the caller may see.
 */
export async function possibleMatchesOf(db: Db, record: Case, caller: StaffCaller) {
  const all = await findPossibleMatches(db, record.referral, record.id);
  // County-wide callers (First Response, the head of service) may open every record: no reads to filter.
  const found = caller.area === COUNTY ? all : await visibleMatches(db, all, caller);
  const decisions = new Map(
    (await listMatchDecisions(db, record.id)).map((decision) => [decision.otherCaseId, decision]),
  );
  const shown = await Promise.all(
    found.slice(0, MATCHES_SHOWN).map(async (match) => {
      const other = await getCase(db, match.caseId);
      return other
        ? viewOf(other, {
            strength: match.strength,
            kinds: match.kinds,
            ...decisionFields(decisions.get(match.caseId)),
          })
        : undefined;
    }),
  );
  return { items: shown.filter((entry) => entry !== undefined), total: found.length };
}

async function visibleMatches(db: Db, matches: readonly MatchFound[], caller: StaffCaller) {
  const read = await Promise.all(
    matches.map(async (match) => ({ match, other: await getCase(db, match.caseId) })),
  );
  return read.filter(({ other }) => other && canSeeCase(caller, other)).map(({ match }) => match);
}

/** The records linked to this case as the same family, by either side's screener, that the caller may open. */
export async function linkedRecordsOf(db: Db, caseId: string, caller: StaffCaller): Promise<MatchView[]> {
  const linked = (await listMatchDecisions(db, caseId)).filter((entry) => entry.decision === 'linked');
  const views = await Promise.all(
    linked.map(async (decision) => {
      const other = await getCase(db, decision.otherCaseId);
      return other && canSeeCase(caller, other) ? viewOf(other, decisionFields(decision)) : undefined;
    }),
  );
  return views.filter((entry) => entry !== undefined);
}

export type MatchAction = 'link' | 'dismiss';

export interface MatchDecisionResult {
  caseId: string;
  otherCaseId: string;
  decision: MatchDecision;
  decidedAt: string;
  /** False when the same decision had been made already (nothing was written). */
  changed: boolean;
}

/**
 * Links or dismisses one possible match of a case. Only a record the matching rules find for this
 * case may be decided on (anything else is not found), so no one links two unrelated records.
 */
export async function decideMatch(
  db: Db,
  input: {
    caseId: string;
    otherCaseId: string;
    action: MatchAction;
    actor: JourneyActor;
    now: Date | string;
  },
): Promise<MatchDecisionResult> {
  if (input.caseId === input.otherCaseId) {
    throw new ValidationError([
      { path: 'otherCaseId', rule: 'other', message: 'a record cannot be matched with itself' },
    ]);
  }
  const record = await requireCase(db, input.caseId);
  const match = (await findPossibleMatches(db, record.referral, record.id)).find(
    (entry) => entry.caseId === input.otherCaseId,
  );
  if (!match) throw new NotFoundError(`possible match ${input.otherCaseId}`);
  const { decision, changed } = await recordMatchDecision(db, {
    caseId: record.id,
    otherCaseId: match.caseId,
    decision: input.action === 'link' ? 'linked' : 'dismissed',
    now: new Date(input.now).toISOString(),
    actor: auditActorOf(input.actor),
    kinds: match.kinds,
  });
  return {
    caseId: decision.caseId,
    otherCaseId: decision.otherCaseId,
    decision: decision.decision,
    decidedAt: decision.decidedAt,
    changed,
  };
}
