import { AsyncLocalStorage } from 'node:async_hooks';

// On AWS a journey's steps run in Lambdas of their own: they never share a CPU with the API's
// functions. Locally the engine runs them in the API server's process, on its one event loop, so under
// load every request's callbacks queued behind the steps' (a partner's referral waited for the
// journey steps of the referrals before it). Here the API comes first: the local API server counts
// the requests its handlers are serving, and a step's DynamoDB or SES request waits until none is, so a
// step advances in the gaps between requests. A step invocation waits at most STEP_WAIT_BUDGET_MS in
// all (less than any function's timeout, which its context counts down meanwhile), then runs on
// regardless, so steps are delayed under a sustained load, never stopped. In a process without the
// API server (the simulation, the soak's engine process) nothing is ever in flight and nothing waits.

/** What one step invocation may spend waiting for the API, in all. */
const STEP_WAIT_BUDGET_MS = 5000;
/**
 * The longest one request of a step waits: under a sustained load (always a request in flight) the
 * steps still advance steadily, instead of all running at once when their budgets end.
 */
const REQUEST_WAIT_MS = 50;

let inFlight = 0;
let quiet: { promise: Promise<void>; resolve: () => void } | undefined;

/** Called by the local API server as a route's handler starts; call what it returns when it ends. */
export function apiRequestStarted(): () => void {
  inFlight += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight -= 1;
    if (inFlight === 0 && quiet) {
      quiet.resolve();
      quiet = undefined;
    }
  };
}

function whenQuiet(): Promise<void> {
  if (!quiet) {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    quiet = { promise, resolve };
  }
  return quiet.promise;
}

interface StepScope {
  budgetMs: number;
}

const steps = new AsyncLocalStorage<StepScope>();

/** Runs a step's handler so that its DynamoDB requests give way to the API's requests. */
export function asStep<T>(run: () => Promise<T>): Promise<T> {
  return steps.run({ budgetMs: STEP_WAIT_BUDGET_MS }, run);
}

/** Inside a step with budget left, waits (at most REQUEST_WAIT_MS) until no API request is in flight. */
async function yieldToApi(): Promise<void> {
  const scope = steps.getStore();
  if (!scope || inFlight === 0 || scope.budgetMs <= 0) return;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    whenQuiet(),
    new Promise<void>((done) => {
      timer = setTimeout(done, Math.min(scope.budgetMs, REQUEST_WAIT_MS));
    }),
  ]);
  clearTimeout(timer);
  scope.budgetMs -= performance.now() - started;
}

interface MiddlewareClient {
  middlewareStack: { add(middleware: never, options: { step: 'initialize'; name: string }): void };
}

/** Makes `client`'s requests from a step wait for the API's (the handlers' shared DynamoDB and SES clients). */
export function stepsYieldToApi(client: MiddlewareClient): void {
  const middleware = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    await yieldToApi();
    return next(args);
  };
  client.middlewareStack.add(middleware as never, { step: 'initialize', name: 'stepsYieldToApi' });
}
