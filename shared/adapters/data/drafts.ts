import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, getItem, isConditionalCheckFailed } from './db';
import { caseRecordDraftKey, draftKey } from './keys';

// A task form's or a case record entry's unfinished answers, saved as the person goes and kept server
// side (never in the browser), one draft per task (or entry) and person. Deleted when the task is
// completed or the entry written; the table's TTL removes drafts nobody came back to.

export type DraftValues = Record<string, string | string[]>;

export interface TaskDraft {
  taskId: string;
  userId: string;
  values: DraftValues;
  savedAt: string;
}

const KEEP_DAYS = 90;

/** A case record entry being written (`target: 'new'`) or revised (the entry's id), one per person. */
export interface CaseRecordDraft {
  caseId: string;
  userId: string;
  target: string;
  values: DraftValues;
  savedAt: string;
}

export function saveDraft(db: Db, draft: TaskDraft): Promise<void> {
  return putDraft(db, draftKey(draft.taskId, draft.userId), draft);
}

export function saveCaseRecordDraft(db: Db, draft: CaseRecordDraft): Promise<void> {
  return putDraft(db, caseRecordDraftKey(draft.caseId, draft.userId, draft.target), draft);
}

export function getCaseRecordDraft(
  db: Db,
  caseId: string,
  userId: string,
  target: string,
): Promise<CaseRecordDraft | undefined> {
  return getItem<CaseRecordDraft>(db, caseRecordDraftKey(caseId, userId, target));
}

export async function deleteCaseRecordDraft(
  db: Db,
  caseId: string,
  userId: string,
  target: string,
): Promise<void> {
  await db.client.send(
    new DeleteCommand({ TableName: db.tableName, Key: caseRecordDraftKey(caseId, userId, target) }),
  );
}

async function putDraft(
  db: Db,
  key: Record<string, string>,
  draft: { savedAt: string; values: DraftValues },
): Promise<void> {
  const keepUntil = Math.floor(Date.parse(draft.savedAt) / 1000) + KEEP_DAYS * 24 * 3600;
  await db.client
    .send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...key, itemType: 'draft', ...draft, expiresAt: keepUntil },
        // An older save arriving late (a slow autosave) never overwrites a newer one.
        ConditionExpression: 'attribute_not_exists(pk) OR savedAt <= :savedAt',
        ExpressionAttributeValues: { ':savedAt': draft.savedAt },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
    });
}

export async function getDraft(db: Db, taskId: string, userId: string): Promise<TaskDraft | undefined> {
  return getItem<TaskDraft>(db, draftKey(taskId, userId));
}

export async function deleteDraft(db: Db, taskId: string, userId: string): Promise<void> {
  await db.client.send(new DeleteCommand({ TableName: db.tableName, Key: draftKey(taskId, userId) }));
}
