import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { GLOBAL_INDEXES, IDEMPOTENCY_KEY, KEY, TIME_TO_LIVE_ATTRIBUTE } from './table-definition';

// Creates the domain table and the idempotency table from table-definition.ts (tests and the local
// stack; the CDK app builds the same shape from the same file). Existing tables are left as they are.

export async function createTables(
  client: DynamoDBClient,
  tableName: string,
  idempotencyTableName: string,
): Promise<void> {
  const attributes = new Set<string>([KEY.partition, KEY.sort]);
  for (const index of GLOBAL_INDEXES) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await createIfMissing(client, tableName, TIME_TO_LIVE_ATTRIBUTE, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: KEY.partition, KeyType: 'HASH' },
      { AttributeName: KEY.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: index.include
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] }
        : { ProjectionType: 'ALL' },
    })),
  });
  await createIfMissing(client, idempotencyTableName, IDEMPOTENCY_KEY.ttl, {
    TableName: idempotencyTableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_KEY.partition, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: IDEMPOTENCY_KEY.partition, KeyType: 'HASH' }],
  });
}

async function createIfMissing(
  client: DynamoDBClient,
  tableName: string,
  ttlAttribute: string,
  input: ConstructorParameters<typeof CreateTableCommand>[0],
): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}
