import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clearStore as clearLocalSesStore } from 'aws-ses-v2-local/dist/store';
import { afterAll, beforeAll, vi } from 'vitest';
import { resetClients } from '../../shared/adapters/aws/clients';
import { setClockSource } from '../../shared/core/clock';

// Run before each file of the projects whose files share a worker process (vitest.config.ts, `pure`
// and `stack-shared`):
// whatever a file changed in the process is put back after it, so the next file in the same worker
// starts as it would in a fresh one. aws-sdk-client-mock's mockClient(X) replaces X.prototype.send
// until restore() is called, which a file in a process of its own never needed to do.

const SDK_CLIENTS = [
  CognitoIdentityProviderClient,
  DynamoDBClient,
  DynamoDBDocumentClient,
  S3Client,
  SESv2Client,
  SFNClient,
];

let environment: NodeJS.ProcessEnv;

beforeAll(() => {
  environment = { ...process.env };
});

afterAll(() => {
  for (const client of SDK_CLIENTS) {
    const send = Object.getOwnPropertyDescriptor(client.prototype, 'send')?.value as
      | { restore?: () => void }
      | undefined;
    send?.restore?.();
  }
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  process.env = environment;
  setClockSource(undefined);
  resetClients();
  // aws-ses-v2-local keeps every local SES server's emails in one store per process.
  clearLocalSesStore();
});
