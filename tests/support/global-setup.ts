import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb';
import { missingPrerequisites } from './prerequisites';

// One DynamoDB Local for the whole run (starting Java costs seconds); each test file makes its own
// uniquely named tables (tests/support/tables.ts), so files never see each other's data.

export default async function setup(project: TestProject) {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    throw new Error(`npm test needs, and this machine lacks:\n  - ${missing.join('\n  - ')}`);
  }
  const dynamodb = await startDynamoDbLocal({ heapMb: 768 });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
  };
}
