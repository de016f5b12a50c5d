import { createServer } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoRaw, resetClients } from '../../shared/adapters/aws/clients';

// A refused connection reaches a handler as `NetworkError` (not a plain `Error`), the name every Lambda
// step's transient retrier names (tests/unit/workflow-retries.test.ts).

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetClients();
});

describe('SDK network failures', () => {
  it('are named NetworkError once the SDK gives up', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${await closedPort()}`;
    resetClients();
    await expect(dynamoRaw().send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'NetworkError',
      code: 'ECONNREFUSED',
    });
  });
});
