import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

// An invocation cut off by a DynamoDB kill cannot delete the "in progress" idempotency record it took:
// the record stands until the invocation's deadline, in real time, and every retry of the step before
// then answers IdempotencyAlreadyInProgressError. The step's Retry outlasts that deadline on AWS, but in
// the soak its back-off waits on the virtual clock, which the next clock move would burn in a second
// (docs/decisions.md, "The soak"). So after a DynamoDB kill the driver holds the clock until these
// records have lapsed, as real time would have done.

/**
 * When the last idempotency record still in progress lapses (ms since the epoch), or undefined when none
 * is. Records of invocations still running legitimately count too; they end in well under a second.
 */
export async function inProgressUntil(
  client: DynamoDBClient,
  tableName: string,
): Promise<number | undefined> {
  let latest: number | undefined;
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#status = :inProgress AND #expiry > :now',
        ExpressionAttributeNames: { '#status': 'status', '#expiry': 'in_progress_expiration' },
        ExpressionAttributeValues: { ':inProgress': { S: 'INPROGRESS' }, ':now': { N: String(Date.now()) } },
        ProjectionExpression: '#expiry',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const expiry = Number(item.in_progress_expiration?.N);
      if (latest === undefined || expiry > latest) latest = expiry;
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return latest;
}
