import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionalCheckFailed, getItem } from './db';
import { sessionKey } from './keys';

// Staff pages sessions. The item is keyed by a hash of the cookie's random id and names only the
// user: role and area are read from the staff record on every request, so a change or a
// deactivation takes effect at once. The table's TTL removes the item some days after it ended;
// until then an ended session still tells whose unsaved form arrived after a timeout.

export interface StaffSession {
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  /** No request is accepted after this instant, however active the session. */
  endsAt: string;
}

export async function createSession(
  db: Db,
  idHash: string,
  session: StaffSession,
  keepUntilEpochSeconds: number,
): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...sessionKey(idHash), itemType: 'session', ...session, expiresAt: keepUntilEpochSeconds },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSession(db: Db, idHash: string): Promise<StaffSession | undefined> {
  return getItem<StaffSession>(db, sessionKey(idHash));
}

/** Records activity; a no-op when a later request already did (or the session is gone). */
export async function touchSession(db: Db, idHash: string, now: string): Promise<void> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: sessionKey(idHash),
        UpdateExpression: 'SET lastSeenAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND lastSeenAt < :now',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.client.send(new DeleteCommand({ TableName: db.tableName, Key: sessionKey(idHash) }));
}
