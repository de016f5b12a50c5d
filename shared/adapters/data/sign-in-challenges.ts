import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, getItem, isConditionalCheckFailed } from './db';
import { signInChallengeKey } from './keys';

// A staff sign-in that the user pool answered with a challenge (choose a new password, set up the
// authenticator app, give a code). The pool's own `Session` string lives only here, never in a
// browser or an API answer; the item is keyed by a hash of the random reference id the caller
// holds, lives a few minutes and is deleted once the sign-in ends. Every write is conditional on the
// version read, so two answers sent at once cannot both move it on.

export type ChallengeStep = 'new-password' | 'mfa-setup' | 'mfa-code';

export interface StoredChallenge {
  username: string;
  step: ChallengeStep;
  /** The user pool's Session for the next call. */
  poolSession: string;
  /** The authenticator secret being set up (mfa-setup only), shown again after a wrong code. */
  secret?: string;
  /** What the reference id is tied to: a hash of the pages' cookie id, or `api`. */
  binding: string;
  /** Wrong answers so far. */
  attempts: number;
  version: number;
  createdAt: string;
  /** No answer is taken after this instant (the table's TTL removes the item later). */
  validUntil: string;
}

export async function createChallenge(db: Db, idHash: string, challenge: StoredChallenge): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...signInChallengeKey(idHash),
        itemType: 'signInChallenge',
        ...challenge,
        expiresAt: Math.floor(Date.parse(challenge.validUntil) / 1000) + 3600,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getChallenge(db: Db, idHash: string): Promise<StoredChallenge | undefined> {
  return getItem<StoredChallenge>(db, signInChallengeKey(idHash));
}

/** Moves the challenge on (next step, wrong attempt); false when another answer got there first. */
export async function updateChallenge(
  db: Db,
  idHash: string,
  expectedVersion: number,
  changes: Partial<Pick<StoredChallenge, 'step' | 'poolSession' | 'secret' | 'attempts'>>,
): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const removeSecret = 'secret' in changes && changes.secret === undefined;
  const sets = [...entries.map(([name]) => `#${name} = :${name}`), 'version = :next'];
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: signInChallengeKey(idHash),
        UpdateExpression: `SET ${sets.join(', ')}${removeSecret ? ' REMOVE secret' : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ...(entries.length
          ? { ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])) }
          : {}),
        ExpressionAttributeValues: {
          ...Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
          ':next': expectedVersion + 1,
          ':expected': expectedVersion,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

export async function deleteChallenge(db: Db, idHash: string): Promise<void> {
  await db.client.send(new DeleteCommand({ TableName: db.tableName, Key: signInChallengeKey(idHash) }));
}
