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

export function idempotent<E, R>(
  name: string,
  fn: (event: E) => Promise<R>,
): (event: E, context?: unknown) => Promise<R> {
  let wrapped: ((event: E) => Promise<R>) | undefined;
  let config: IdempotencyConfig | undefined;
  return (event, context) => {
    if (!wrapped || !config) {
      const tableName = requiredEnv('IDEMPOTENCY_TABLE_NAME');
      config = new IdempotencyConfig({ expiresAfterSeconds: 24 * 60 * 60 });
      wrapped = makeIdempotent(fn, {
        persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoRaw() }),
        config,
        keyPrefix: name,
      });
    }
    if (isLambdaContext(context)) config.registerLambdaContext(context);
    return wrapped(event);
  };
}
