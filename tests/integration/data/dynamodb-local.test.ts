import { DescribeTableCommand, DescribeTimeToLiveCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, resetClients } from '../../../shared/adapters/aws/clients';
import { createTables } from '../../../shared/adapters/data/create-tables';
import { GLOBAL_INDEXES } from '../../../shared/adapters/data/table-definition';
import { createTestTables, type TestTables } from '../../support/tables';

describe('DynamoDB Local and createTables', () => {
  let tables: TestTables;
  const saved = { ...process.env };

  beforeAll(async () => {
    tables = await createTestTables('ddb');
  });

  afterAll(async () => {
    resetClients();
    process.env = saved;
    await tables.drop();
  });

  it('builds the domain table with the three GSIs and TTL, and the idempotency table', async () => {
    // Act
    const domain = await tables.raw.send(new DescribeTableCommand({ TableName: tables.tableName }));
    const idempotency = await tables.raw.send(
      new DescribeTableCommand({ TableName: tables.idempotencyTableName }),
    );
    const ttl = await tables.raw.send(
      new DescribeTimeToLiveCommand({ TableName: tables.idempotencyTableName }),
    );
    // Assess
    expect(domain.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      GLOBAL_INDEXES.map((index) => index.name),
    );
    expect(idempotency.Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiration');
  });

  it('leaves existing tables alone when called again', async () => {
    await expect(
      createTables(tables.raw, tables.tableName, tables.idempotencyTableName),
    ).resolves.toBeUndefined();
  });

  it('is reached by the shared client through AWS_ENDPOINT_URL_DYNAMODB alone', async () => {
    // Prepare
    process.env.AWS_ENDPOINT_URL_DYNAMODB = tables.endpoint;
    delete process.env.AWS_ACCESS_KEY_ID;
    resetClients();
    // Act
    const listed = await dynamo().send(new ListTablesCommand({}));
    // Assess
    expect(listed.TableNames).toContain(tables.tableName);
  });
});
