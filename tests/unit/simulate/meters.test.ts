import { DynamoDBClient, ExecuteStatementCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { meterDynamoDb, newMeters } from '../../../local/simulate/meters';

// The simulation's DynamoDB meter, on a client whose answers are given here (no DynamoDB): DynamoDB
// Local answers ExecuteStatement without ConsumedCapacity, whatever ReturnConsumedCapacity asks, so the
// meter must neither count a PartiQL SELECT as free nor a PartiQL write as a read.

function meteredClient(answer: (input: Record<string, unknown>) => Record<string, unknown>) {
  const client = new DynamoDBClient({
    region: 'eu-west-2',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // Answers before anything is serialised or sent.
  client.middlewareStack.add(
    () => async (args) => ({
      output: { $metadata: {}, ...answer(args.input as Record<string, unknown>) },
      response: {},
    }),
    { step: 'build', name: 'answerHere' },
  );
  const meters = newMeters();
  meterDynamoDb(client, meters);
  return { client, meters };
}

const indexItem = (pk: string) => ({ pk: { S: pk }, caseId: { S: `01J${pk}` } });
const keys = (count: number) => Array.from({ length: count }, (_, index) => ({ S: `MATCH#${index}` }));

describe('simulation DynamoDB meter', () => {
  it('counts a consistent PartiQL SELECT without ConsumedCapacity as a read of one unit per partition named', async () => {
    const { client, meters } = meteredClient(() => ({ Items: [indexItem('MATCH#0'), indexItem('MATCH#3')] }));
    await client.send(
      new ExecuteStatementCommand({
        Statement: 'SELECT pk, caseId FROM "t" WHERE pk IN [?, ?, ?, ?, ?, ?, ?, ?]',
        Parameters: keys(8),
        ConsistentRead: true,
      }),
    );
    expect(meters.dynamodb.readRequests).toBe(1);
    expect(meters.dynamodb.writeRequests).toBe(0);
    expect(meters.dynamodb.readUnits).toBe(8);
    expect(meters.dynamodb.unitsByHandler['outside a handler']).toEqual({ read: 8, write: 0 });
  });

  it('halves the estimate for an eventually consistent SELECT and counts a large answer by its size', async () => {
    const large = Array.from({ length: 100 }, (_, index) => ({
      pk: { S: 'MATCH#0' },
      note: { S: 'x'.repeat(200 + index) },
    }));
    const { client, meters } = meteredClient(() => ({ Items: large }));
    await client.send(
      new ExecuteStatementCommand({ Statement: 'SELECT * FROM "t" WHERE pk = ?', Parameters: keys(1) }),
    );
    const bytes = JSON.stringify(large).length;
    expect(bytes).toBeGreaterThan(4096);
    expect(meters.dynamodb.readUnits).toBe(Math.ceil(bytes / 4096) / 2);
  });

  it('takes the units DynamoDB reports when it reports them', async () => {
    const { client, meters } = meteredClient(() => ({
      Items: [],
      ConsumedCapacity: { TableName: 't', CapacityUnits: 3 },
    }));
    await client.send(
      new ExecuteStatementCommand({
        Statement: 'SELECT pk FROM "t" WHERE pk IN [?, ?]',
        Parameters: keys(2),
        ConsistentRead: true,
      }),
    );
    expect(meters.dynamodb.readUnits).toBe(3);
  });

  it('counts a PartiQL INSERT, UPDATE or DELETE as a write, not a read', async () => {
    const { client, meters } = meteredClient(() => ({
      ConsumedCapacity: { TableName: 't', CapacityUnits: 1 },
    }));
    for (const statement of [
      `INSERT INTO "t" VALUE {'pk': ?, 'sk': 'A'}`,
      `UPDATE "t" SET n = 1 WHERE pk = ? AND sk = 'A'`,
      ` delete FROM "t" WHERE pk = ? AND sk = 'A'`,
    ]) {
      await client.send(new ExecuteStatementCommand({ Statement: statement, Parameters: keys(1) }));
    }
    expect(meters.dynamodb.writeRequests).toBe(3);
    expect(meters.dynamodb.itemsWritten).toBe(3);
    expect(meters.dynamodb.writeUnits).toBe(3);
    expect(meters.dynamodb.readRequests).toBe(0);
  });

  it('asks for the capacity on every metered operation and keeps reading a Query as before', async () => {
    const asked: unknown[] = [];
    const { client, meters } = meteredClient((input) => {
      asked.push(input.ReturnConsumedCapacity);
      return { Items: [], ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } };
    });
    await client.send(
      new QueryCommand({
        TableName: 't',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'A' } },
      }),
    );
    await client.send(
      new ExecuteStatementCommand({ Statement: 'SELECT pk FROM "t" WHERE pk = ?', Parameters: keys(1) }),
    );
    expect(asked).toEqual(['TOTAL', 'TOTAL']);
    expect(meters.dynamodb.requests).toEqual({ Query: 1, ExecuteStatement: 1 });
    expect(meters.dynamodb.readRequests).toBe(2);
    expect(meters.dynamodb.readUnits).toBe(1);
  });
});
