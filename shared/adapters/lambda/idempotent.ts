import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoRaw } from '../aws/clients';
import { requiredEnv } from '../../core/environment';

// Powertools idempotency for workflow steps that send email or move other records: Step Functions
// retries a Lambda whose answer was lost, and the retry must not email twice. The key is the whole
// payload, which always holds the execution's `now` for this entry into the state, so a retry of the
// same entry is recognised and a later entry (the next reminder) is not.
//
// The invocation's context is registered, so the record taken at the start ("in progress") expires
// with the invocation (its remaining time): an invocation that times out or dies with its process
// leaves a key the step's retry can take over once that time is up, instead of one that answers
// IdempotencyAlreadyInProgressError for the record's whole day. The steps' Retry outlasts the
// function's timeout (tests/unit/workflow-retries.test.ts).

function isLambdaContext(value: unknown): value is Context {
  return typeof (value as Partial<Context> | undefined)?.getRemainingTimeInMillis === 'function';
}

/**
 * Powertools' `makeIdempotent(fn, options)` with its DynamoDB store, made on first use (so the table
 * name and endpoint can be set after import: the local stack, tests) and made again if the table or
 * the client has changed since: a test process that runs several files' stacks in turn, each with
 * tables of its own and the SDK clients forgotten between files. In a Lambda both stay the same for
 * the life of the process, so it is made once.
 */
export function idempotentOnFirstUse<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  options: { config: IdempotencyConfig; keyPrefix: string },
): (...args: A) => Promise<R> {
  let made:
    | { tableName: string; client: ReturnType<typeof dynamoRaw>; run: (...args: A) => Promise<R> }
    | undefined;
  return (...args) => {
    const tableName = requiredEnv('IDEMPOTENCY_TABLE_NAME');
    const client = dynamoRaw();
    if (made?.tableName !== tableName || made.client !== client) {
      const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client });
      made = { tableName, client, run: makeIdempotent(fn, { ...options, persistenceStore }) };
    }
    return made.run(...args);
  };
}

export function idempotent<E, R>(
  name: string,
  fn: (event: E) => Promise<R>,
): (event: E, context?: unknown) => Promise<R> {
  const config = new IdempotencyConfig({ expiresAfterSeconds: 24 * 60 * 60 });
  const run = idempotentOnFirstUse(fn, { config, keyPrefix: name });
  return (event, context) => {
    if (isLambdaContext(context)) config.registerLambdaContext(context);
    return run(event);
  };
}
