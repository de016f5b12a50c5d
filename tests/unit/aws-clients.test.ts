import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, resetClients, ses, sfn } from '../../shared/adapters/aws/clients';

// The SDK must reach a local endpoint from the AWS_ENDPOINT_URL_<SERVICE> settings alone: a server on
// a free port records what arrives and answers an empty success.

describe('shared/adapters/aws/clients', () => {
  let server: Server;
  let endpoint: string;
  const received: { host: string | undefined; target: string | undefined; url: string | undefined }[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      received.push({
        host: request.headers.host,
        target: request.headers['x-amz-target'] as string,
        url: request.url,
      });
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(request.url?.startsWith('/v2/') ? '{}' : '{"TableNames":[],"stateMachines":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
    process.env.AWS_ENDPOINT_URL_SFN = endpoint;
    process.env.AWS_ENDPOINT_URL_SESV2 = endpoint;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_PROFILE;
    resetClients();
  });

  afterAll(async () => {
    resetClients();
    process.env = saved;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends DynamoDB, Step Functions and SES v2 calls to the endpoints the environment names', async () => {
    // Act
    await dynamo().send(new ListTablesCommand({}));
    await sfn().send(new ListStateMachinesCommand({}));
    await ses().send(new GetAccountCommand({}));
    // Assess
    const host = endpoint.replace('http://', '');
    expect(received.map((request) => request.host)).toEqual([host, host, host]);
    expect(received[0]!.target).toBe('DynamoDB_20120810.ListTables');
    expect(received[1]!.target).toBe('AWSStepFunctions.ListStateMachines');
    expect(received[2]!.url).toMatch(/^\/v2\//);
  });

  it('creates each client once', () => {
    expect(dynamo()).toBe(dynamo());
    expect(sfn()).toBe(sfn());
  });
});
