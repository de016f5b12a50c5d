import type { Case } from '../../core/schemas/case';
import type {
  CaseRecordEntry,
  CaseRecordEntryBody,
  CaseRecordRevisionBody,
} from '../../core/schemas/case-record';
import { ValidationError } from '../../core/schemas/validation-error';
import { buildAuditEvent } from '../../adapters/data/audit';
import { listEntryVersions, putEntryVersion } from '../../adapters/data/case-record';
import { type Db, NotFoundError } from '../../adapters/data/db';
import { newId } from '../../adapters/data/ids';
import type { StaffCaller } from '../access/rules';
import { auditActorOf } from '../tasks/actor';
import type { CaseRecordEntryType } from '../../core/vocabulary/case-record';

// The case record's chronology: what happened with the family, when, who was there and who wrote it
// (seeds/003 single case record; seeds/001 §12 timely case notes and the child's voice). Revising an
// entry writes its next version; every version stays readable and each write is audited (ids only).

/** An entry as the chronology shows it: its latest version, and how many versions it has. */
export type ChronologyEntry = CaseRecordEntry & { versions: number };

export interface ChronologyFilter {
  type?: CaseRecordEntryType;
  /** Part of a name among those present, the child who spoke, or the writer's user name. */
  person?: string;
  /** Calendar days (YYYY-MM-DD, in UTC terms of `occurredAt`), inclusive. */
  from?: string;
  to?: string;
}

/** The latest version of each entry, newest happening first. */
export function currentEntries(versions: readonly CaseRecordEntry[]): ChronologyEntry[] {
  const byId = new Map<string, ChronologyEntry>();
  for (const version of versions) {
    const seen = byId.get(version.id);
    const count = (seen?.versions ?? 0) + 1;
    byId.set(
      version.id,
      !seen || version.version > seen.version
        ? { ...version, versions: count }
        : { ...seen, versions: count },
    );
  }
  return [...byId.values()].sort(
    (a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id),
  );
}

export function filterEntries(
  entries: readonly ChronologyEntry[],
  filter: ChronologyFilter,
): ChronologyEntry[] {
  const person = filter.person?.trim().toLowerCase();
  return entries.filter((entry) => {
    if (filter.type && entry.type !== filter.type) return false;
    const day = new Date(entry.occurredAt).toISOString().slice(0, 10);
    if (filter.from && day < filter.from) return false;
    if (filter.to && day > filter.to) return false;
    if (person) {
      const people = [...entry.present.family, ...entry.present.agencies, entry.child ?? '', entry.writtenBy];
      if (!people.some((name) => name.toLowerCase().includes(person))) return false;
    }
    return true;
  });
}

function notInFuture(occurredAt: string, at: Date): void {
  if (Date.parse(occurredAt) > at.getTime()) {
    throw new ValidationError([
      {
        path: 'occurredAt',
        rule: 'not_in_future',
        message: 'an entry records what has happened: not after now',
      },
    ]);
  }
}

async function write(
  db: Db,
  record: Case,
  caller: StaffCaller,
  entry: CaseRecordEntry,
  action: 'case.record-entry-added' | 'case.record-entry-revised',
): Promise<CaseRecordEntry> {
  const audit = buildAuditEvent({
    subject: `case#${record.id}`,
    caseId: record.id,
    at: entry.writtenAt,
    actor: auditActorOf({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area }),
    action,
    details: { entryId: entry.id, version: entry.version, entryType: entry.type },
  });
  await putEntryVersion(db, entry, audit);
  return entry;
}

export async function addEntry(
  db: Db,
  record: Case,
  caller: StaffCaller,
  body: CaseRecordEntryBody,
  at: Date,
): Promise<CaseRecordEntry> {
  notInFuture(body.occurredAt, at);
  const entry: CaseRecordEntry = {
    ...body,
    id: newId(at.getTime()),
    caseId: record.id,
    version: 1,
    writtenBy: caller.userId,
    writtenAt: at.toISOString(),
  };
  return write(db, record, caller, entry, 'case.record-entry-added');
}

/** The entry's next version; ConflictError (409) when `revises` is not its latest version. */
export async function reviseEntry(
  db: Db,
  record: Case,
  caller: StaffCaller,
  entryId: string,
  body: CaseRecordRevisionBody,
  at: Date,
): Promise<CaseRecordEntry> {
  notInFuture(body.occurredAt, at);
  const versions = await listEntryVersions(db, record.id, entryId);
  if (!versions.some((version) => version.version === body.revises)) throw new NotFoundError('entry version');
  const { revises, ...fields } = body;
  const entry: CaseRecordEntry = {
    ...fields,
    id: entryId,
    caseId: record.id,
    version: revises + 1,
    writtenBy: caller.userId,
    writtenAt: at.toISOString(),
  };
  return write(db, record, caller, entry, 'case.record-entry-revised');
}

export async function readChronology(
  db: Db,
  caseId: string,
  filter: ChronologyFilter = {},
): Promise<ChronologyEntry[]> {
  return filterEntries(currentEntries(await listEntryVersions(db, caseId)), filter);
}

/** Every version of one entry, oldest first; NotFoundError when the case has no such entry. */
export async function entryVersions(db: Db, caseId: string, entryId: string): Promise<CaseRecordEntry[]> {
  const versions = await listEntryVersions(db, caseId, entryId);
  if (versions.length === 0) throw new NotFoundError('entry');
  return versions.sort((a, b) => a.version - b.version);
}
