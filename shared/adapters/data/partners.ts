import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Partner, partnerSchema } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import {
  AlreadyExistsError,
  type Db,
  isConditionalCheckFailed,
  NotFoundError,
  stripKeys,
  transact,
  getItem,
  getByIndex,
} from './db';
import { ALL_PARTNERS, partnerByClientId, partnerKey } from './keys';

// Partner organisations. A client id belongs to one partner: a guard item makes it unique.

function itemOf(partner: Partner) {
  return {
    ...partnerKey(partner.id),
    itemType: 'partner',
    gsi1pk: partnerByClientId(partner.clientId),
    gsi1sk: 'PARTNER',
    gsi2pk: ALL_PARTNERS,
    gsi2sk: partner.id,
    ...partner,
  };
}

const clientGuard = (clientId: string) => ({ pk: `CLIENTID#${clientId}`, sk: 'GUARD' });

export async function createPartner(
  db: Db,
  input: Omit<Partner, 'createdAt' | 'updatedAt'>,
  now: string,
): Promise<Partner> {
  const partner = parseOrThrow(partnerSchema, { ...input, createdAt: now, updatedAt: now });
  await transact(
    db,
    [
      {
        Put: {
          TableName: db.tableName,
          Item: itemOf(partner),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: db.tableName,
          Item: { ...clientGuard(partner.clientId), itemType: 'guard', partnerId: partner.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
    (failed) =>
      failed.includes(0)
        ? new AlreadyExistsError(`partner ${partner.id}`, partner.id)
        : new AlreadyExistsError(`client id ${partner.clientId}`),
  );
  return partner;
}

export async function getPartner(db: Db, id: string): Promise<Partner | undefined> {
  return getItem<Partner>(db, partnerKey(id));
}

/** A partner's client id and whether it is active, read consistently by the partner's key (a small item read). */
export async function getPartnerActivity(
  db: Db,
  id: string,
): Promise<Pick<Partner, 'clientId' | 'active'> | undefined> {
  const result = await db.client.send(
    new GetCommand({
      TableName: db.tableName,
      Key: partnerKey(id),
      ConsistentRead: true,
      ProjectionExpression: 'clientId, active',
    }),
  );
  return result.Item as Pick<Partner, 'clientId' | 'active'> | undefined;
}

/** The partner an access token's client id belongs to (inactive partners included: the caller checks). */
export async function getPartnerByClientId(db: Db, clientId: string): Promise<Partner | undefined> {
  return getByIndex<Partner>(db, 'gsi1', partnerByClientId(clientId), 'PARTNER');
}

export async function listPartners(db: Db): Promise<Partner[]> {
  const partners: Partner[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': ALL_PARTNERS },
        ExclusiveStartKey: start,
      }),
    );
    partners.push(...(result.Items ?? []).map((item) => stripKeys<Partner>(item)));
    start = result.LastEvaluatedKey;
  } while (start);
  return partners;
}

/** Changes a partner's name, contact, scopes, activity or secret hash (the client id is for life). */
export async function updatePartner(
  db: Db,
  id: string,
  changes: Partial<
    Pick<Partner, 'name' | 'contactEmail' | 'scopes' | 'active' | 'secretHash' | 'organisationType'>
  >,
  now: string,
): Promise<Partner> {
  const current = await getPartner(db, id);
  if (!current) throw new NotFoundError(`partner ${id}`);
  const next = parseOrThrow(partnerSchema, { ...current, ...changes, updatedAt: now });
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: itemOf(next),
        ConditionExpression: 'updatedAt = :read',
        ExpressionAttributeValues: { ':read': current.updatedAt },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) return updatePartner(db, id, changes, now);
    throw error;
  }
  return next;
}
