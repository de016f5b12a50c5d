import { londonDate } from '../../core/calendar/london';
import type { Case } from '../../core/schemas/case';
import { ValidationError } from '../../core/schemas/validation-error';
import type {
  SharingConsent,
  SharingConsentBody,
  SharingPurpose,
  SharingWithdrawalBody,
} from '../../core/schemas/sharing-consent';
import { buildAuditEvent } from '../../adapters/data/audit';
import { ConflictError, type Db } from '../../adapters/data/db';
import { newId } from '../../adapters/data/ids';
import { getPartner } from '../../adapters/data/partners';
import {
  getConsent,
  listConsents,
  putGivenConsent,
  putWithdrawnConsent,
} from '../../adapters/data/sharing-consents';
import type { StaffCaller } from '../access/rules';
import { auditActorOf } from '../tasks/actor';
import { FINAL_CASE_STATUSES } from '../../core/vocabulary/cases';

// What the family agreed to share, with which agency, for what (seeds/002 §24, §50). A partner agency
// works on a case only through a consent in force for that purpose, and only while the case is open;
// withdrawal takes effect on the next request (access is decided on a strongly consistent read).

function notAfterToday(path: string, date: string, at: Date): void {
  if (date > londonDate(at)) {
    throw new ValidationError([
      { path, rule: 'not_in_future', message: 'a date that has happened: not after today' },
    ]);
  }
}

function staffActor(caller: StaffCaller) {
  return auditActorOf({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area });
}

export async function giveConsent(
  db: Db,
  record: Case,
  caller: StaffCaller,
  body: SharingConsentBody,
  at: Date,
): Promise<SharingConsent> {
  notAfterToday('givenOn', body.givenOn, at);
  const partner = await getPartner(db, body.partnerId);
  if (!partner?.active) {
    throw new ValidationError([
      { path: 'partnerId', rule: 'unknown_partner', message: 'no active partner agency has this id' },
    ]);
  }
  if ((FINAL_CASE_STATUSES as readonly string[]).includes(record.status)) {
    throw new ConflictError('the case has ended: nothing more is shared', 'case-ended');
  }
  const consent: SharingConsent = {
    id: newId(at.getTime()),
    caseId: record.id,
    partnerId: partner.id,
    partnerName: partner.name,
    purpose: body.purpose,
    status: 'given',
    givenBy: body.givenBy,
    givenOn: body.givenOn,
    ...(body.note ? { note: body.note } : {}),
    recordedBy: caller.userId,
    recordedAt: at.toISOString(),
  };
  const audit = buildAuditEvent({
    subject: `case#${record.id}`,
    caseId: record.id,
    at: consent.recordedAt,
    actor: staffActor(caller),
    action: 'case.sharing-consent-given',
    details: { consentId: consent.id, partnerId: partner.id, purpose: body.purpose },
  });
  await putGivenConsent(db, consent, audit);
  return consent;
}

export async function withdrawConsent(
  db: Db,
  record: Case,
  caller: StaffCaller,
  partnerId: string,
  purpose: SharingPurpose,
  body: SharingWithdrawalBody,
  at: Date,
): Promise<SharingConsent> {
  notAfterToday('withdrawnOn', body.withdrawnOn, at);
  const current = await getConsent(db, record.id, partnerId, purpose);
  if (current?.status !== 'given') {
    throw new ConflictError('this consent is not in force (already withdrawn?)', 'consent-not-in-force');
  }
  const withdrawn: SharingConsent = {
    ...current,
    status: 'withdrawn',
    withdrawnBy: body.withdrawnBy,
    withdrawnOn: body.withdrawnOn,
    ...(body.note ? { withdrawalNote: body.note } : {}),
    withdrawalRecordedBy: caller.userId,
    withdrawalRecordedAt: at.toISOString(),
  };
  const audit = buildAuditEvent({
    subject: `case#${record.id}`,
    caseId: record.id,
    at: withdrawn.withdrawalRecordedAt!,
    actor: staffActor(caller),
    action: 'case.sharing-consent-withdrawn',
    details: { consentId: current.id, partnerId, purpose },
  });
  await putWithdrawnConsent(db, withdrawn, audit);
  return withdrawn;
}

/** Every consent of a case, in force first, then by agency. */
export async function caseConsents(db: Db, caseId: string): Promise<SharingConsent[]> {
  const consents = await listConsents(db, caseId);
  return consents.sort(
    (a, b) =>
      Number(b.status === 'given') - Number(a.status === 'given') ||
      a.partnerName.localeCompare(b.partnerName) ||
      a.purpose.localeCompare(b.purpose),
  );
}

/** Whether an agency may work on this case for this purpose now: consent in force and the case open. */
export async function partnerMayShare(
  db: Db,
  partnerId: string,
  record: Pick<Case, 'id' | 'status'>,
  purpose: SharingPurpose,
): Promise<boolean> {
  if ((FINAL_CASE_STATUSES as readonly string[]).includes(record.status)) return false;
  const consent = await getConsent(db, record.id, partnerId, purpose);
  return consent?.status === 'given';
}
