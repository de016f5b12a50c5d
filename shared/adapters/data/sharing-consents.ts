import type { AuditEvent } from '../../core/schemas/audit';
import type { SharingConsent, SharingPurpose } from '../../core/schemas/sharing-consent';
import { auditPut } from './audit';
import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type Db, getItem, queryAllUnder, stripKeys, transact } from './db';

type Condition = Pick<
  PutCommandInput,
  'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;
import { caseKey, SHARING_CONSENT_PREFIX, sharedCaseKey, sharingConsentKey } from './keys';

// Consents to share, per case, agency and purpose. Giving and withdrawing each write the case's side,
// the agency's side and the audit event in one transaction, conditional on the consent's state, so two
// people recording at once cannot both succeed and the agency's access follows the consent exactly.

/** The case's side of a consent, written only on `condition` (its state before the change). */
function consentPut(db: Db, consent: SharingConsent, condition: Condition) {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...sharingConsentKey(consent.caseId, consent.partnerId, consent.purpose),
        itemType: 'sharing-consent',
        ...consent,
      },
      ...condition,
    },
  };
}

/** Records a consent as given; ConflictError when it is already in force. */
export async function putGivenConsent(db: Db, consent: SharingConsent, audit: AuditEvent): Promise<void> {
  await transact(
    db,
    [
      consentPut(db, consent, {
        ConditionExpression: 'attribute_not_exists(pk) OR #status = :withdrawn',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':withdrawn': 'withdrawn' },
      }),
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...sharedCaseKey(consent.partnerId, consent.purpose, consent.caseId),
            itemType: 'shared-case',
            caseId: consent.caseId,
            consentId: consent.id,
          },
        },
      },
      auditPut(db, audit),
    ],
    (failed) =>
      failed.includes(0)
        ? new ConflictError('this consent is already recorded as given', 'consent-in-force')
        : undefined,
  );
}

/** Records the consent as withdrawn and removes the agency's access; ConflictError when it is not in force. */
export async function putWithdrawnConsent(db: Db, consent: SharingConsent, audit: AuditEvent): Promise<void> {
  await transact(
    db,
    [
      consentPut(db, consent, {
        ConditionExpression: '#status = :given AND #id = :id',
        ExpressionAttributeNames: { '#status': 'status', '#id': 'id' },
        ExpressionAttributeValues: { ':given': 'given', ':id': consent.id },
      }),
      {
        Delete: {
          TableName: db.tableName,
          Key: sharedCaseKey(consent.partnerId, consent.purpose, consent.caseId),
        },
      },
      auditPut(db, audit),
    ],
    (failed) =>
      failed.includes(0)
        ? new ConflictError('this consent is not in force (already withdrawn?)', 'consent-not-in-force')
        : undefined,
  );
}

/** One consent, read strongly: access decisions must see a withdrawal the moment it is written. */
export async function getConsent(
  db: Db,
  caseId: string,
  partnerId: string,
  purpose: SharingPurpose,
): Promise<SharingConsent | undefined> {
  const item = await getItem<Record<string, unknown>>(db, sharingConsentKey(caseId, partnerId, purpose));
  return item ? stripKeys<SharingConsent>(item) : undefined;
}

export function listConsents(db: Db, caseId: string): Promise<SharingConsent[]> {
  return queryAllUnder<SharingConsent>(db, caseKey(caseId).pk, SHARING_CONSENT_PREFIX);
}

/** The cases an agency may work on for a purpose (consent in force), by case id. */
export async function listSharedCaseIds(
  db: Db,
  partnerId: string,
  purpose: SharingPurpose,
): Promise<string[]> {
  const items = await queryAllUnder<{ caseId: string }>(
    db,
    sharedCaseKey(partnerId, purpose, '').pk,
    sharedCaseKey(partnerId, purpose, '').sk,
  );
  return items.map((item) => item.caseId);
}

/** The agency's side of every consent of a case, for the retention sweep (the case's side goes with its partition). */
export function sharedCaseKeysOf(consents: readonly SharingConsent[]): Record<string, string>[] {
  return consents.map((consent) => sharedCaseKey(consent.partnerId, consent.purpose, consent.caseId));
}
