import { createHash, createHmac } from 'node:crypto';
import { optionalEnv } from '../../core/environment';
import { FINAL_CASE_STATUSES } from '../../core/vocabulary/cases';

// Every key the table uses, built in one place. The patterns and why: docs/data-model.md.

export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
export const casesByLocalityStatus = (locality: string, status: string) => `LOC#${locality}#STATUS#${status}`;
export const casesByPartner = (partnerId: string) => `PARTNER#${partnerId}`;
export const caseByReference = (reference: string) => `REF#${reference}`;
/** The retention index's one partition: every ended case, sorted by `<retainUntil>#<id>`. */
export const CASES_BY_RETENTION = 'RETAIN';

/**
 * A case's keys in the retention index: only a case that has ended (a final status) and so carries
 * the day its retention ends; none for an open case, which the sweep must never find.
 */
export function retentionIndexKeys(record: {
  id: string;
  status: string;
  retainUntil?: string | undefined;
}): { gsi4pk: string; gsi4sk: string } | undefined {
  if (!record.retainUntil || !(FINAL_CASE_STATUSES as readonly string[]).includes(record.status))
    return undefined;
  return { gsi4pk: CASES_BY_RETENTION, gsi4sk: `${record.retainUntil}#${record.id}` };
}

/** A one-off data migration done on a table: written once its pass is complete (e.g. `retention-gsi4`). */
export const migrationKey = (name: string) => ({ pk: `MIGRATION#${name}`, sk: 'MIGRATION' });

/**
 * One version of an entry in a case's record, in the case's own partition (so the retention sweep
 * deletes it with the case); an entry's versions sort together, oldest first.
 */
export const caseRecordEntryKey = (caseId: string, entryId: string, version: number) => ({
  pk: `CASE#${caseId}`,
  sk: `ENTRY#${entryId}#V#${String(version).padStart(4, '0')}`,
});
export const CASE_RECORD_ENTRY_PREFIX = 'ENTRY#';

/** A member of staff's unfinished case record entry (`new`) or revision (the entry id), in the case's partition. */
export const caseRecordDraftKey = (caseId: string, userId: string, target: string) => ({
  pk: `CASE#${caseId}`,
  sk: `DRAFT#${userId}#${target}`,
});

/**
 * One version of a family's plan (the whole plan), in the case's partition (deleted with the case by the
 * retention sweep); versions sort oldest first.
 */
export const familyPlanKey = (caseId: string, version: number) => ({
  pk: `CASE#${caseId}`,
  sk: `PLAN#V#${String(version).padStart(4, '0')}`,
});
export const FAMILY_PLAN_PREFIX = 'PLAN#V#';

/** A partner practitioner's update on a plan action they own, in the case's partition, by action then time. */
export const planActionUpdateKey = (caseId: string, actionId: string, at: string, updateId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `PLANUPDATE#${actionId}#${at}#${updateId}`,
});
export const PLAN_ACTION_UPDATE_PREFIX = 'PLANUPDATE#';

/** A Team Around the Family meeting of a case, in the case's partition, in the order they were held. */
export const tafMeetingKey = (caseId: string, heldOn: string, meetingId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `TAF#${heldOn}#${meetingId}`,
});
export const TAF_MEETING_PREFIX = 'TAF#';

/** A file attached to a case (its bytes in the documents bucket): in the case's partition, deleted with it. */
export const caseDocumentKey = (caseId: string, documentId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `DOCUMENT#${documentId}`,
});
export const CASE_DOCUMENT_PREFIX = 'DOCUMENT#';
/**
 * gsi1 of a document while it is `awaiting-upload` only (a sparse index, removed by its first move):
 * the daily sweep finds the uploads whose link lapsed without reading every case's documents.
 */
export const DOCUMENTS_AWAITING_UPLOAD = 'DOCUMENTS#STATUS#awaiting-upload';
export const awaitingUploadSortKey = (requestedAt: string, caseId: string, documentId: string) =>
  `${requestedAt}#${caseId}#${documentId}`;

/** Who opened a case, when: in the case's partition (deleted with it), apart from its audit trail. */
export const caseViewKey = (caseId: string, at: string, viewId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `VIEW#${at}#${viewId}`,
});
export const CASE_VIEW_PREFIX = 'VIEW#';
/** The once-a-day guard of a partner client's view of a case (not under VIEW#: never listed as a view). */
export const partnerViewGuardKey = (caseId: string, day: string, clientId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `PARTNERVIEW#${day}#${clientId}`,
});

/** A family's consent to share with one agency for one purpose, in the case's partition. */
export const sharingConsentKey = (caseId: string, partnerId: string, purpose: string) => ({
  pk: `CASE#${caseId}`,
  sk: `SHARE#${partnerId}#${purpose}`,
});
export const SHARING_CONSENT_PREFIX = 'SHARE#';

/**
 * The agency's side of a consent in force: exists exactly while the consent is given (written and
 * deleted in the same transaction as the case's side), so an agency lists its shared cases in one query.
 */
export const sharedCaseKey = (partnerId: string, purpose: string, caseId: string) => ({
  pk: `PARTNER#${partnerId}`,
  sk: `SHARE#${purpose}#${caseId}`,
});

export const taskKey = (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' });
export const tasksByOwner = (owner: string) => `OWNER#${owner}`;
export const tasksByCase = (caseId: string) => `CASETASKS#${caseId}`;
export const tasksByPeriod = (period: string) => `PERIODTASKS#${period}`;
export const taskGuardKey = (uniqueKey: string) => ({ pk: `TASKKEY#${uniqueKey}`, sk: 'GUARD' });

/** A staff pages session, keyed by a hash of the cookie's id, so the table never holds a usable cookie. */
export const sessionKey = (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' });
/** A sign-in part-way through a challenge (new password, authenticator set-up), keyed by a hash of its id. */
export const signInChallengeKey = (idHash: string) => ({ pk: `SIGNIN#${idHash}`, sk: 'SIGNIN' });
/** A task's saved draft, one per person, in the task's own partition. */
export const draftKey = (taskId: string, userId: string) => ({ pk: `TASK#${taskId}`, sk: `DRAFT#${userId}` });

/** A lease on work that must not run twice at once, e.g. `retention-sweep` (shared/adapters/data/lease.ts). */
export const leaseKey = (name: string) => ({ pk: `LEASE#${name}`, sk: 'LEASE' });

export const workerKey = (workerId: string) => ({ pk: `WORKER#${workerId}`, sk: 'WORKER' });
export const workersByAreaRole = (area: string, role: string) => `AREA#${area}#ROLE#${role}`;

export const partnerKey = (partnerId: string) => ({ pk: `PARTNER#${partnerId}`, sk: 'PARTNER' });
export const partnerByClientId = (clientId: string) => `CLIENT#${clientId}`;
export const ALL_PARTNERS = 'PARTNERS';

/** Audit events live in their subject's partition: `case#01H...` -> `CASE#01H...`. */
export function auditPartition(subject: string): string {
  const hash = subject.indexOf('#');
  return `${subject.slice(0, hash).toUpperCase()}${subject.slice(hash)}`;
}
export const auditSortKey = (at: string, eventId: string) => `AUDIT#${at}#${eventId}`;

export const metricsKey = (scope: string, period: string) => ({
  pk: `METRICS#${scope}#${period}`,
  sk: 'COUNTERS',
});
export const metricsEventKey = (eventId: string) => ({ pk: `METRICEVENT#${eventId}`, sk: 'GUARD' });

/**
 * A partner's Idempotency-Key, claimed for one case: keyed by a hash of the key, as a partner may put
 * anything (even personal data) in it.
 */
export const referralKeyClaimKey = (partnerId: string, keyHash: string) => ({
  pk: `REFERRALKEY#${partnerId}#${keyHash}`,
  sk: 'CLAIM',
});

export const referenceCounterKey = (prefix: string, year: number) => ({
  pk: `COUNTER#${prefix}#${year}`,
  sk: 'COUNTER',
});

export const reportKey = (scope: string, period: string, version: number) => ({
  pk: `REPORT#${scope}#${period}`,
  sk: `V#${String(version).padStart(4, '0')}`,
});

/**
 * Duplicate-detection keys hold a hash, never the name, date of birth or address itself, so keys
 * (which surface in metrics, traces and error messages) carry no personal data.
 */
export function duplicateKey(kind: 'child' | 'address', ...parts: string[]): string {
  const normalised = parts.map((part) =>
    part
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  );
  return `DUP#${createHash('sha256')
    .update([kind, ...normalised].join('|'))
    .digest('hex')
    .slice(0, 40)}`;
}

/** Used when MATCH_KEY is not set: the local stack and tests, where the data is made up. */
const DEVELOPMENT_MATCH_KEY = 'sfw-development-match-key';

/**
 * The family-match index's key for one rule's material (shared/core/matching.ts): a keyed hash
 * (HMAC-SHA-256 under MATCH_KEY), so neither the table nor anyone who reads its keys can test a
 * guessed name and date of birth against it without the secret.
 */
export function matchKey(material: string): string {
  return `MATCH#${keyedDigest(material)}`;
}

/**
 * The same keyed hash of anything else personal that must be recognisable but not readable (what a
 * staff search asked for, in its audit event): whoever holds MATCH_KEY can tell whether a given search
 * was made; nobody can read one back.
 */
export function keyedDigest(material: string): string {
  const secret = optionalEnv('MATCH_KEY') ?? DEVELOPMENT_MATCH_KEY;
  return createHmac('sha256', secret).update(material).digest('hex').slice(0, 40);
}

/** A duty officer's decision on a possible match, in the deciding case's partition (and mirrored when linked). */
export const matchDecisionKey = (caseId: string, otherId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `MATCH#${otherId}`,
});
