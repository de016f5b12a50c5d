import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from './ids';
import { addYears, londonDate } from '../../core/calendar';
import { configuredTimescales } from '../../core/config';
import { type Actor, type Case, caseSchema, type Referral } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import { auditPut, buildAuditEvent } from './audit';
import { type ClaimWatch, claimWatchItems } from './claim-watch';
import { findMatches, indexForMatching, type MatchFound } from './matches';
import { matchMaterialOf, REFERRAL_MATCH_KINDS } from '../../core/matching';
import { decodeCursor, encodeCursor, type Page, pageLimit } from './cursor';
import {
  AlreadyExistsError,
  ConflictError,
  type Db,
  NotFoundError,
  stripKeys,
  transact,
  type TransactItem,
  getItem,
  getByIndex,
} from './db';
import {
  caseByReference,
  caseKey,
  casesByLocalityStatus,
  casesByPartner,
  duplicateKey,
  retentionIndexKeys,
} from './keys';
import { metricsUpdate, type Increments } from './metrics';
import { type CaseStatus, canTransition, isOpenStatus } from '../../core/vocabulary/cases';
import { complexityFromNeeds } from '../../core/vocabulary/needs';
import { childrenOf } from '../../core/vocabulary/referrals';

// Cases: one item per case, optimistic locking on `version`. Every change is a transaction that
// writes the case (conditional on the version read), its audit event, and any counters it moves.

export interface MetricChange {
  scope: string;
  period: string;
  increments: Increments;
}

/**
 * Counter changes that go into a case's transaction: a list, or a function of the case as read and as
 * it will be written (shared/domain/metrics `caseMetrics(...)` infers them from the change).
 */
export type MetricsOption = MetricChange[] | ((before: Case | undefined, after: Case) => MetricChange[]);

/** Given the ended case and its counter changes, the claim watch its ending starts, if any. */
export type ClaimWatchOption = (ended: Case, changes: readonly MetricChange[]) => ClaimWatch | undefined;

function resolveMetrics(
  option: MetricsOption | undefined,
  before: Case | undefined,
  after: Case,
): MetricChange[] {
  if (!option) return [];
  return typeof option === 'function' ? option(before, after) : option;
}

/** When it was last put into its current status: the order of cases-by-status and the waiting list. */
function statusSince(record: Case): string {
  return record.statusHistory.at(-1)?.at ?? record.receivedAt;
}

function itemOf(record: Case) {
  const since = statusSince(record);
  return {
    ...caseKey(record.id),
    itemType: 'case',
    gsi1pk: casesByLocalityStatus(record.locality, record.status),
    gsi1sk: `${since}#${record.id}`,
    ...(record.referral.partnerId
      ? { gsi2pk: casesByPartner(record.referral.partnerId), gsi2sk: `${record.receivedAt}#${record.id}` }
      : {}),
    gsi3pk: caseByReference(record.reference),
    gsi3sk: 'CASE',
    ...retentionIndexKeys(record),
    ...record,
  };
}

/** The keys of the open-case index the family-match index replaced (deleted when such a case ends). */
function legacyDuplicateKeysOf(referral: Pick<Referral, 'family'>): string[] {
  const keys = new Set<string>();
  for (const child of childrenOf(referral)) {
    keys.add(duplicateKey('child', child.givenName, child.familyName, child.dateOfBirth));
  }
  const { address } = referral.family;
  keys.add(duplicateKey('address', address.postcode, address.line1));
  return [...keys];
}

/**
 * How many matching ids a case and its audit event carry: a refuge or a hostel may have hundreds of
 * records at one address, so the record holds the count and the first few; the full list is read
 * from the family-match index (listPossibleDuplicates), never stored in one attribute.
 */
export const DUPLICATE_SUMMARY_SIZE = 10;

/** The keys a new referral is checked against: the referral rules, not the search-only ones. */
function referralMaterial(referral: Pick<Referral, 'family'>) {
  return matchMaterialOf(referral).filter((entry) => REFERRAL_MATCH_KINDS.includes(entry.kind));
}

/**
 * Every record held (open, or closed and not yet deleted for retention) that may be the same family
 * as this referral, exact and fuzzy (shared/core/matching.ts), strong matches first.
 */
export function findPossibleMatches(
  db: Db,
  referral: Pick<Referral, 'family'>,
  excludeId?: string,
): Promise<MatchFound[]> {
  return findMatches(db, referralMaterial(referral), excludeId);
}

/** Ids of every record held that may be the same family as this referral, strong matches first. */
export async function findPossibleDuplicates(
  db: Db,
  referral: Pick<Referral, 'family'>,
  excludeId?: string,
): Promise<string[]> {
  return (await findPossibleMatches(db, referral, excludeId)).map((match) => match.caseId);
}

/** The full, current list of records that may be the same family as this case (for the screener). */
export async function listPossibleDuplicates(db: Db, caseId: string): Promise<string[]> {
  const record = await requireCase(db, caseId);
  return findPossibleDuplicates(db, record.referral, caseId);
}

export interface NewCase {
  /** A ULID; give one to make a retried creation find the first (AlreadyExistsError). */
  id?: string;
  /**
   * The case reference, or how to take one: taken while the match index is written (one round trip
   * for both), so a counter number is spent only on a case about to be written.
   */
  reference: string | (() => Promise<string>);
  referral: Referral;
  receivedAt: string;
  /** True when the caller has written the match index already (indexForMatching), as intake does. */
  indexed?: boolean;
  executionArn?: string;
  /** The earlier record this referral re-refers (the domain's rule), if any. */
  reReferralOf?: string;
  /** The referral's possible matches when the caller has just found them (saves finding them twice). */
  matches?: readonly MatchFound[];
}

/**
 * Creates a case in RECEIVED with its audit event(s); flags (never merges) possible duplicates among
 * every record held; indexes it for the matching of later referrals and searches.
 */
export async function createCase(
  db: Db,
  input: NewCase,
  options: {
    actor: Actor;
    metrics?: MetricsOption;
    /** More writes that must land with the case (a referral key's stored answer). */
    alsoWrite?: (record: Case) => TransactItem[];
  },
): Promise<Case> {
  const id = input.id ?? newId(new Date(input.receivedAt).getTime());
  const duplicates = input.matches
    ? input.matches.map((match) => match.caseId).filter((caseId) => caseId !== id)
    : await findPossibleDuplicates(db, input.referral, id);
  // The match index before the case (a retried creation writes the same items again; a key whose
  // case is never written is skipped by every reader), and the reference at the same time.
  const [reference] = await Promise.all([
    typeof input.reference === 'string' ? input.reference : input.reference(),
    input.indexed ? undefined : indexForMatching(db, id, input.referral),
  ]);
  const record = parseOrThrow(caseSchema, {
    id,
    reference,
    status: 'RECEIVED',
    locality: input.referral.locality,
    referral: input.referral,
    receivedAt: input.receivedAt,
    updatedAt: input.receivedAt,
    version: 1,
    needs: input.referral.presentingNeeds,
    complex: complexityFromNeeds(input.referral.presentingNeeds) === 'complex',
    possibleDuplicates: duplicates.slice(0, DUPLICATE_SUMMARY_SIZE),
    possibleDuplicateCount: duplicates.length,
    reviewCount: 0,
    statusHistory: [{ status: 'RECEIVED', at: input.receivedAt }],
    ...(input.executionArn ? { executionArn: input.executionArn } : {}),
    ...(input.reReferralOf ? { reReferralOf: input.reReferralOf } : {}),
  } satisfies Case);
  const subject = `case#${id}`;
  const items: TransactItem[] = [
    {
      Put: { TableName: db.tableName, Item: itemOf(record), ConditionExpression: 'attribute_not_exists(pk)' },
    },
    auditPut(
      db,
      buildAuditEvent({
        subject,
        caseId: id,
        at: input.receivedAt,
        actor: options.actor,
        action: 'case.created',
        toStatus: 'RECEIVED',
        details: { source: input.referral.source, locality: record.locality, complex: record.complex },
      }),
    ),
  ];
  if (duplicates.length > 0) {
    items.push(
      auditPut(
        db,
        buildAuditEvent({
          subject,
          caseId: id,
          at: input.receivedAt,
          actor: options.actor,
          action: 'case.duplicate-flagged',
          details: {
            count: duplicates.length,
            first: duplicates.slice(0, DUPLICATE_SUMMARY_SIZE).join(','),
          },
        }),
      ),
    );
  }
  for (const change of resolveMetrics(options.metrics, undefined, record)) {
    const update = metricsUpdate(db, change.scope, change.period, change.increments);
    if (update) items.push(update);
  }
  if (options.alsoWrite) items.push(...options.alsoWrite(record));
  await transact(db, items, (failed) =>
    failed.includes(0) ? new AlreadyExistsError(`case ${id}`, id) : undefined,
  );
  return record;
}

export async function getCase(db: Db, id: string): Promise<Case | undefined> {
  return getItem<Case>(db, caseKey(id));
}

export async function requireCase(db: Db, id: string): Promise<Case> {
  const record = await getCase(db, id);
  if (!record) throw new NotFoundError(`case ${id}`);
  return record;
}

export async function getCaseByReference(db: Db, reference: string): Promise<Case | undefined> {
  return getByIndex<Case>(db, 'gsi3', caseByReference(reference), 'CASE');
}

type Changes = Partial<
  Omit<Case, 'id' | 'reference' | 'version' | 'receivedAt' | 'statusHistory' | 'referral'>
> & {
  /** Attributes to remove (e.g. `keyWorkerId` when a case goes back to the waiting list). */
  remove?: (keyof Case)[];
};

export interface CaseUpdate {
  id: string;
  /** The version the caller read; the write fails with ConflictError if the case moved on since. */
  expectedVersion: number;
  now: string;
  actor: Actor;
  status?: CaseStatus;
  changes?: Changes;
  /** The audit action when the status does not change (a status change records `case.status-changed`). */
  action?: string;
  details?: Record<string, string | number | boolean | null>;
  taskId?: string;
  metrics?: MetricsOption;
  /** Whether the case, when this update ends it, is watched for a claim (the domain's rule). */
  claimWatch?: ClaimWatchOption;
  /** Further writes that must happen with this one (e.g. a worker's load). */
  extraItems?: TransactItem[];
  /** Explains a failed condition on one of `extraItems` (index into extraItems). */
  explainExtra?: (failedExtraIndexes: number[]) => Error | undefined;
  /**
   * The case as the caller just read it (consistently): at `expectedVersion` it is what the write
   * starts from, without reading it again. Every write of a case moves its version on, and the write
   * is conditional on that version, so a case changed meanwhile still fails with ConflictError.
   */
  known?: Case;
}

/** The case an update starts from: the caller's copy when it is the expected version, else read. */
export async function currentFor(db: Db, update: Pick<CaseUpdate, 'id' | 'expectedVersion' | 'known'>) {
  const { known } = update;
  return known?.id === update.id && known.version === update.expectedVersion
    ? known
    : requireCase(db, update.id);
}

/** Computes the next version of a case without writing it (validated). */
export function applyUpdate(current: Case, update: CaseUpdate): Case {
  if (current.version !== update.expectedVersion) {
    throw new ConflictError(
      `case ${current.id} is at version ${current.version}, not ${update.expectedVersion}`,
      'stale-version',
    );
  }
  const { remove = [], ...changes } = update.changes ?? {};
  const next: Record<string, unknown> = {
    ...current,
    ...changes,
    version: current.version + 1,
    updatedAt: update.now,
  };
  for (const key of remove) delete next[key];
  if (update.status && update.status !== current.status) {
    if (!canTransition(current.status, update.status)) {
      throw new ConflictError(
        `case ${current.id} cannot move from ${current.status} to ${update.status}`,
        'invalid-transition',
      );
    }
    next.status = update.status;
    next.statusHistory = [...current.statusHistory, { status: update.status, at: update.now }].slice(-200);
    if (!isOpenStatus(update.status)) {
      next.endedAt = update.now;
      next.retainUntil ??= addYears(
        londonDate(update.now),
        configuredTimescales().retentionYearsAfterClosure,
      );
    }
  }
  return parseOrThrow(caseSchema, next);
}

/** The transaction items of an update, for callers composing bigger transactions (allocation). */
export function caseUpdateItems(db: Db, current: Case, next: Case, update: CaseUpdate): TransactItem[] {
  const statusChanged = next.status !== current.status;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: db.tableName,
        Item: itemOf(next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': current.version },
      },
    },
    auditPut(
      db,
      buildAuditEvent({
        subject: `case#${current.id}`,
        caseId: current.id,
        at: update.now,
        actor: update.actor,
        action: statusChanged ? 'case.status-changed' : (update.action ?? 'case.updated'),
        ...(statusChanged ? { fromStatus: current.status, toStatus: next.status } : {}),
        ...(update.taskId ? { taskId: update.taskId } : {}),
        ...(update.details || (statusChanged && update.action)
          ? {
              details: {
                ...(statusChanged && update.action ? { action: update.action } : {}),
                ...update.details,
              },
            }
          : {}),
      }),
    ),
  ];
  const changes = resolveMetrics(update.metrics, current, next);
  // An ended case stays in the family-match index until the retention sweep deletes it; the keys of
  // the index it replaced (open cases only, written before it) go when the case ends, as they did.
  if (statusChanged && !isOpenStatus(next.status)) {
    for (const key of legacyDuplicateKeysOf(current.referral)) {
      items.push({ Delete: { TableName: db.tableName, Key: { pk: key, sk: `CASE#${current.id}` } } });
    }
    const watch = update.claimWatch?.(next, changes);
    if (watch) {
      for (const Item of claimWatchItems(watch)) items.push({ Put: { TableName: db.tableName, Item } });
    }
  }
  for (const change of changes) {
    const item = metricsUpdate(db, change.scope, change.period, change.increments);
    if (item) items.push(item);
  }
  return items;
}

/** Reads the case, applies the update under the version condition, and returns the new case. */
export async function updateCase(db: Db, update: CaseUpdate): Promise<Case> {
  const current = await currentFor(db, update);
  const next = applyUpdate(current, update);
  const items = caseUpdateItems(db, current, next, update);
  const extraStart = items.length;
  items.push(...(update.extraItems ?? []));
  await transact(db, items, (failed) => {
    if (failed.includes(0)) {
      return new ConflictError(
        `case ${update.id} changed since version ${update.expectedVersion}`,
        'stale-version',
      );
    }
    const extra = failed.filter((index) => index >= extraStart).map((index) => index - extraStart);
    return extra.length > 0 ? update.explainExtra?.(extra) : undefined;
  });
  return next;
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

async function queryCases(
  db: Db,
  index: 'gsi1' | 'gsi2',
  partition: string,
  options: ListOptions & { since?: string; status?: CaseStatus },
): Promise<Page<Case>> {
  const query = `cases:${index}:${partition}:${options.since ?? ''}:${options.status ?? ''}`;
  const names: Record<string, string> = { '#pk': `${index}pk` };
  const values: Record<string, unknown> = { ':pk': partition };
  let condition = '#pk = :pk';
  if (options.since) {
    names['#sk'] = `${index}sk`;
    values[':since'] = options.since;
    condition += ' AND #sk >= :since';
  }
  if (options.status) {
    names['#status'] = 'status';
    values[':status'] = options.status;
  }
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: index,
      KeyConditionExpression: condition,
      ...(options.status ? { FilterExpression: '#status = :status' } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: pageLimit(options.limit),
      ExclusiveStartKey: decodeCursor(query, options.cursor, [`${index}pk`, partition]),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => stripKeys<Case>(item)),
    nextCursor: encodeCursor(query, result.LastEvaluatedKey),
  };
}

/** Cases of a locality in a status, oldest in that status first. */
export function listCasesByLocalityStatus(
  db: Db,
  locality: string,
  status: CaseStatus,
  options: ListOptions = {},
): Promise<Page<Case>> {
  return queryCases(db, 'gsi1', casesByLocalityStatus(locality, status), options);
}

/** The waiting list of a locality in the order cases joined it (first come, first served). */
export function listWaitingList(db: Db, locality: string, options: ListOptions = {}): Promise<Page<Case>> {
  return listCasesByLocalityStatus(db, locality, 'WAITING_LIST', options);
}

/** A partner's own referrals, oldest first; `since` is an instant (received at or after). */
export function listCasesByPartner(
  db: Db,
  partnerId: string,
  options: ListOptions & { since?: string; status?: CaseStatus } = {},
): Promise<Page<Case>> {
  return queryCases(db, 'gsi2', casesByPartner(partnerId), options);
}

async function queryStatusPartition(
  db: Db,
  locality: string,
  status: CaseStatus,
  projection: string,
  names: Record<string, string>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': casesByLocalityStatus(locality, status) },
        ProjectionExpression: projection,
        ExpressionAttributeNames: names,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** When each case now in this status entered it (from the index's sort key), in no particular order. */
export async function statusSinceTimes(db: Db, locality: string, status: CaseStatus): Promise<string[]> {
  const items = await queryStatusPartition(db, locality, status, '#sk', { '#sk': 'gsi1sk' });
  return items.map((item) => String(item.gsi1sk).split('#')[0]!);
}

/** The number of family members of each case now in this status (the report's individuals). */
export async function familySizes(db: Db, locality: string, status: CaseStatus): Promise<number[]> {
  const items = await queryStatusPartition(db, locality, status, '#r.#f.#m', {
    '#r': 'referral',
    '#f': 'family',
    '#m': 'members',
  });
  return items.map(
    (item) =>
      (item.referral as { family?: { members?: unknown[] } } | undefined)?.family?.members?.length ?? 0,
  );
}

/**
 * The shape of each case now in this status, for the forecast: when it entered the status, its weight,
 * support level, key worker, first allocation and support dates. Nothing that names or describes a family.
 */
export interface OpenCaseShape {
  since: string;
  complex: boolean;
  supportLevel?: string;
  keyWorkerId?: string;
  allocatedAt?: string;
  support?: { reviewsFrom?: string; endsOn?: string; nextReviewDue?: string };
}

export async function openCaseShapes(db: Db, locality: string, status: CaseStatus): Promise<OpenCaseShape[]> {
  const items = await queryStatusPartition(db, locality, status, '#sk, #c, #l, #w, #a, #s', {
    '#sk': 'gsi1sk',
    '#c': 'complex',
    '#l': 'supportLevel',
    '#w': 'keyWorkerId',
    '#a': 'allocatedAt',
    '#s': 'support',
  });
  return items.map((item) => {
    const support = item.support as OpenCaseShape['support'] | undefined;
    return {
      since: String(item.gsi1sk).split('#')[0]!,
      complex: item.complex === true,
      ...(typeof item.supportLevel === 'string' ? { supportLevel: item.supportLevel } : {}),
      ...(typeof item.keyWorkerId === 'string' ? { keyWorkerId: item.keyWorkerId } : {}),
      ...(typeof item.allocatedAt === 'string' ? { allocatedAt: item.allocatedAt } : {}),
      ...(support
        ? {
            support: {
              ...(support.reviewsFrom ? { reviewsFrom: support.reviewsFrom } : {}),
              ...(support.endsOn ? { endsOn: support.endsOn } : {}),
              ...(support.nextReviewDue ? { nextReviewDue: support.nextReviewDue } : {}),
            },
          }
        : {}),
    };
  });
}
