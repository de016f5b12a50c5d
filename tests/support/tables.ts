import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/aws/clients';
import { createTables } from '../../shared/adapters/data/create-tables';
import type { Db } from '../../shared/adapters/data/db';

// Each test file gets its own tables in the run's one DynamoDB Local (tests/support/global-setup.ts).

export interface TestTables {
  db: Db;
  endpoint: string;
  tableName: string;
  idempotencyTableName: string;
  raw: DynamoDBClient;
  drop(): Promise<void>;
}

export async function createTestTables(label = 'test'): Promise<TestTables> {
  const endpoint = inject('dynamodbEndpoint');
  const raw = new DynamoDBClient({
    region: 'eu-west-2',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const suffix = `${label}-${randomBytes(4).toString('hex')}`;
  const tableName = `sfw-${suffix}`;
  const idempotencyTableName = `sfw-idem-${suffix}`;
  await createTables(raw, tableName, idempotencyTableName);
  const client = createDocumentClient(raw);
  return {
    db: { client, tableName },
    endpoint,
    tableName,
    idempotencyTableName,
    raw,
    async drop() {
      for (const name of [tableName, idempotencyTableName]) {
        await raw.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
      }
      raw.destroy();
    },
  };
}
