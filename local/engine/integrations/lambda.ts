import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { lambdaFunctionName } from './resources';

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

export type Outcome = { ok: true; value: unknown } | { ok: false; error: string; cause: string };

/** Local Lambda functions by name; any ARN form of a name resolves to the same handler. */
export class LambdaRegistry {
  private readonly handlers = new Map<string, LambdaHandler>();
  private readonly timeouts = new Map<string, number>();

  /** `timeoutSeconds` is the function's own timeout (what its context counts down from), as on Lambda. */
  register(name: string, fn: LambdaHandler, timeoutSeconds?: number): void {
    this.handlers.set(lambdaFunctionName(name), fn);
    if (timeoutSeconds !== undefined) this.timeouts.set(lambdaFunctionName(name), timeoutSeconds);
  }

  resolve(nameOrArn: string): { name: string; fn: LambdaHandler; timeoutMs?: number } | undefined {
    const name = lambdaFunctionName(nameOrArn);
    const fn = this.handlers.get(name);
    const timeoutSeconds = this.timeouts.get(name);
    if (!fn) return undefined;
    return timeoutSeconds === undefined ? { name, fn } : { name, fn, timeoutMs: timeoutSeconds * 1000 };
  }

  /** Register every function-valued named export of each ES module (LOCAL_LAMBDA_MODULES). */
  async loadModules(paths: string[]): Promise<void> {
    for (const path of paths) {
      const mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (name !== 'default' && typeof value === 'function') this.register(name, value as LambdaHandler);
      }
    }
  }
}

export interface InvokeSettings {
  region: string;
  accountId: string;
  /** Milliseconds the handler is told it has (getRemainingTimeInMillis) when the function has no timeout of its own. */
  timeoutMs: number;
}

export function functionArn(name: string, s: InvokeSettings): string {
  return `arn:aws:lambda:${s.region}:${s.accountId}:function:${name}`;
}

/** Invoke a local function as Lambda would: JSON in, JSON out, an error as {errorType, errorMessage, trace}. */
export async function invokeLocal(
  registry: LambdaRegistry,
  nameOrArn: string,
  payload: unknown,
  s: InvokeSettings,
): Promise<Outcome & { requestId: string }> {
  const requestId = randomUUID();
  const found = registry.resolve(nameOrArn);
  if (!found) {
    const name = lambdaFunctionName(nameOrArn);
    return {
      ok: false,
      error: 'Lambda.ResourceNotFoundException',
      cause: `Function not found: ${functionArn(name, s)}:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${requestId}; Proxy: null)`,
      requestId,
    };
  }
  const started = Date.now();
  // A function's own timeout bounds its invocation, whatever the task allows: Powertools idempotency
  // lets an in-progress record expire then, so a step cut off by a crash can be retried.
  const timeoutMs = found.timeoutMs ?? s.timeoutMs;
  const context = {
    functionName: found.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(found.name, s),
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${found.name}`,
    logStreamName: `local/${requestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
  };
  try {
    // A JSON round trip both ways, as over the wire: the handler cannot share objects with the engine.
    const event = JSON.parse(JSON.stringify(payload === undefined ? null : payload));
    const result = await found.fn(event, context);
    const value = result === undefined ? null : JSON.parse(JSON.stringify(result));
    return { ok: true, value, requestId };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const errorType = err.name || 'Error';
    const cause = JSON.stringify({
      errorType,
      errorMessage: err.message,
      trace: (err.stack ?? `${errorType}: ${err.message}`).split('\n'),
    });
    return { ok: false, error: errorType, cause, requestId };
  }
}

/** The optimised `lambda:invoke` integration's result shape (AWS wraps the payload in the Invoke response). */
export function invokeResponse(payload: unknown, requestId: string, date: Date): Record<string, unknown> {
  const length = String(Buffer.byteLength(JSON.stringify(payload ?? null)));
  const httpDate = date.toUTCString();
  const traceId = `Root=1-${Math.floor(date.getTime() / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)};Sampled=0`;
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'X-Amz-Executed-Version': ['$LATEST'],
        'x-amzn-Remapped-Content-Length': ['0'],
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [requestId],
        'Content-Length': [length],
        Date: [httpDate],
        'X-Amzn-Trace-Id': [traceId],
        'Content-Type': ['application/json'],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Length': length,
        'Content-Type': 'application/json',
        Date: httpDate,
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-Remapped-Content-Length': '0',
        'x-amzn-RequestId': requestId,
        'X-Amzn-Trace-Id': traceId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/** SdkHttpMetadata for a JSON 1.0 AWS API answer (states:startExecution and similar). */
export function sdkMetadata(requestId: string, date: Date, body: unknown): Record<string, unknown> {
  const length = String(Buffer.byteLength(JSON.stringify(body)));
  const httpDate = date.toUTCString();
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'x-amzn-RequestId': [requestId],
        connection: ['keep-alive'],
        'Content-Length': [length],
        Date: [httpDate],
        'Content-Type': ['application/x-amz-json-1.0'],
      },
      HttpHeaders: {
        connection: 'keep-alive',
        'Content-Length': length,
        'Content-Type': 'application/x-amz-json-1.0',
        Date: httpDate,
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
