import { canonicalGivenName, foldText, searchMaterialOf } from '../../core/matching';
import type { Case } from '../../core/schemas/case';
import { appendAuditEvent } from '../../adapters/data/audit';
import { getCase } from '../../adapters/data/cases';
import type { Db } from '../../adapters/data/db';
import { keyedDigest } from '../../adapters/data/keys';
import { findMatches } from '../../adapters/data/matches';
import type { StaffCaller } from '../access/rules';
import { auditActorOf } from '../tasks/actor';
import { exportCase, type SubjectAccessExport } from './subject-access';

// A subject access request from or about one person (UK GDPR Art. 15): every case that names them,
// found through the family-match index (never a Scan), each exported whole with them as the subject,
// so everyone else in it is marked as a third party. A case counts only when one of its family members
// is this person: the same date of birth and the same name (folded; a known short form of the given
// name counts, as the matching does), not merely a similar one. The search itself is audited under
// the administrator with a keyed hash of the terms, and each case's export as a case export.

export interface PersonExportRequest {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

export interface PersonExport {
  exportedAt: string;
  exportedBy: string;
  /** How many records the index offered and how many named this person. */
  searched: { candidates: number; matched: number };
  cases: SubjectAccessExport[];
}

function namesPerson(record: Case, person: PersonExportRequest): boolean {
  return record.referral.family.members.some(
    (member) =>
      member.dateOfBirth === person.dateOfBirth &&
      foldText(member.familyName) === foldText(person.familyName) &&
      canonicalGivenName(member.givenName) === canonicalGivenName(person.givenName),
  );
}

export async function exportPerson(
  db: Db,
  caller: StaffCaller,
  person: PersonExportRequest,
  options: { format: 'json' | 'html'; at: Date },
): Promise<PersonExport> {
  const candidates = await findMatches(db, searchMaterialOf(person));
  const records = (await Promise.all(candidates.map((match) => getCase(db, match.caseId)))).filter(
    (record): record is Case => record !== undefined && namesPerson(record, person),
  );
  await appendAuditEvent(db, {
    subject: `staff#${caller.userId}`,
    at: options.at.toISOString(),
    actor: auditActorOf({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area }),
    action: 'person.exported',
    details: {
      terms: keyedDigest(
        JSON.stringify([foldText(person.givenName), foldText(person.familyName), person.dateOfBirth]),
      ),
      cases: records.length,
      format: options.format,
    },
  });
  const subject = `${person.givenName} ${person.familyName}`;
  const cases: SubjectAccessExport[] = [];
  // One at a time, oldest first: each export appends its own audit event and view.
  for (const record of records.sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id),
  )) {
    cases.push(await exportCase(db, record, caller, { subject, format: options.format, at: options.at }));
  }
  return {
    exportedAt: options.at.toISOString(),
    exportedBy: caller.userId,
    searched: { candidates: candidates.length, matched: records.length },
    cases,
  };
}
