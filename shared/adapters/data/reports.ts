import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Report, reportSchema } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import { AlreadyExistsError, type Db, isConditionalCheckFailed, stripKeys } from './db';
import { reportKey } from './keys';

// Report versions: each version is written once and never replaced; a correction is a new version.

export async function putReportVersion(db: Db, report: Report): Promise<Report> {
  const record = parseOrThrow(reportSchema, report);
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...reportKey(record.scope, record.period, record.version), itemType: 'report', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      throw new AlreadyExistsError(`report ${record.scope} ${record.period} version ${record.version}`);
    }
    throw error;
  }
  return record;
}

export async function listReportVersions(db: Db, scope: string, period: string): Promise<Report[]> {
  const { pk } = reportKey(scope, period, 1);
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': pk, ':v': 'V#' },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => stripKeys<Report>(item));
}

export async function getLatestReport(db: Db, scope: string, period: string): Promise<Report | undefined> {
  const { pk } = reportKey(scope, period, 1);
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': pk, ':v': 'V#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = result.Items?.[0];
  return item ? stripKeys<Report>(item) : undefined;
}

/** One version of a report, read consistently. */
export async function getReportVersion(
  db: Db,
  scope: string,
  period: string,
  version: number,
): Promise<Report | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: reportKey(scope, period, version), ConsistentRead: true }),
  );
  return result.Item ? stripKeys<Report>(result.Item) : undefined;
}
