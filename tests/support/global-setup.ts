import type { TestProject } from 'vitest/node';
import { type DynamoDbLocalHandle, startDynamoDbLocal } from '../../local/dynamodb';
import { missingPrerequisites } from './prerequisites';

// One DynamoDB Local for the whole run (starting Java costs seconds); each test file makes its own
// uniquely named tables (tests/support/tables.ts), so files never see each other's data. Two projects
// use it (vitest.config.ts: `stack` and `stack-shared`), and vitest runs each project's global setup
// on its own, in the one main process: the first to start starts Java, the last to end stops it.

interface Shared {
  dynamodb: Promise<DynamoDbLocalHandle>;
  users: number;
}

const KEY = Symbol.for('sfw.test.dynamodbLocal');
const holder = globalThis as { [KEY]?: Shared };

export default async function setup(project: TestProject) {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    throw new Error(`npm test needs, and this machine lacks:\n  - ${missing.join('\n  - ')}`);
  }
  holder[KEY] ??= { dynamodb: startDynamoDbLocal({ heapMb: 768 }), users: 0 };
  const shared = holder[KEY];
  shared.users += 1;
  const dynamodb = await shared.dynamodb;
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder[KEY];
    await dynamodb.stop();
  };
}
