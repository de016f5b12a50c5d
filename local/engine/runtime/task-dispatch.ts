import { randomUUID } from 'node:crypto';
import { type Execution, runtimeOf } from '../execution';
import { callAwsSdk } from '../integrations/aws-sdk';
import {
  invokeLocal,
  invokeResponse,
  type LambdaRegistry,
  type Outcome,
  sdkMetadata,
} from '../integrations/lambda';
import type { MockConfig } from '../integrations/mocks';
import { parseResource } from '../integrations/resources';
import type { Store } from '../store';
import type { Thread } from '../types';
import type { Clock } from './clock';
import type { Lifecycle } from './lifecycle';
import type { PersistenceBatch } from './persistence-batch';
import type { ExecutionRegistry } from './registry';
import type { Scheduler } from './scheduler';

export interface Integrations {
  region: string;
  accountId: string;
  lambdas: LambdaRegistry;
  awsEndpoints: { dynamodb?: string; sesv2?: string };
  mocks?: MockConfig;
}

/**
 * A Task state's call to the outside: a local Lambda function, an AWS SDK service, a child execution, or a
 * mocked answer. Each call runs in flight while other executions step on; its outcome comes back as a signal.
 */
export class TaskDispatcher {
  constructor(
    private readonly to: Integrations,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly batch: PersistenceBatch,
    private readonly registry: ExecutionRegistry,
    private readonly scheduler: Scheduler,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Start the integration call of a thread that just entered its task phase. */
  dispatchTask(ex: Execution, th: Thread): void {
    const task = th.task!;
    const seq = th.seq;
    const parsed = parseResource(task.resource);
    const submitted = parsed.pattern === 'token';
    const date = new Date(this.clock.now());
    const settings = {
      region: this.to.region,
      accountId: this.to.accountId,
      timeoutMs: (task.timeoutSeconds ?? 900) * 1000,
    };
    const mocked = this.to.mocks?.responseFor(ex, th);
    if (mocked) {
      // A mocked callback task's response is its result: there is no token holder to wait for.
      this.scheduler.track(ex.id, th.id, seq, Promise.resolve(mocked), false);
      return;
    }
    if (parsed.kind === 'lambda-arn') {
      this.noteInvocation(ex, th, task.resource);
      this.callOut(ex, th, false, () => invokeLocal(this.to.lambdas, task.resource, task.params, settings));
      return;
    }
    if (parsed.resourceType === 'lambda' && parsed.action === 'invoke') {
      const params = (task.params ?? {}) as Record<string, unknown>;
      if (typeof params.FunctionName !== 'string') {
        this.scheduler.track(ex.id, th.id, seq, Promise.resolve(missingParameter('FunctionName')), submitted);
        return;
      }
      const name = params.FunctionName;
      this.noteInvocation(ex, th, name);
      this.callOut(ex, th, submitted, () =>
        invokeLocal(this.to.lambdas, name, params.Payload ?? {}, settings).then(
          (r): Outcome => (r.ok ? { ok: true, value: invokeResponse(r.value, r.requestId, date) } : r),
        ),
      );
      return;
    }
    if (parsed.resourceType === 'states' && parsed.action === 'startExecution') {
      const outcome = this.startChild(ex, th, parsed.pattern, date);
      const waits = parsed.pattern !== 'request';
      this.scheduler.track(ex.id, th.id, seq, Promise.resolve(outcome), waits);
      return;
    }
    if (parsed.resourceType.startsWith('aws-sdk:')) {
      const service = parsed.resourceType.slice('aws-sdk:'.length);
      this.callOut(ex, th, submitted, () =>
        callAwsSdk(service, parsed.action, task.params, this.to.awsEndpoints, this.to.region),
      );
      return;
    }
    this.scheduler.track(
      ex.id,
      th.id,
      seq,
      Promise.resolve<Outcome>({
        ok: false,
        error: 'States.Runtime',
        cause: `The resource '${task.resource}' is not supported by the local engine (supported: Lambda, states:startExecution, aws-sdk:dynamodb, aws-sdk:sesv2).`,
      }),
      false,
    );
  }

  /**
   * A call that leaves the engine (its input may carry a task token) goes out once the step that makes it is
   * committed: a crash before then restarts the step from what is stored, and nobody outside has seen it.
   * It counts as in flight from the step on (a clock move waits for it). A task that stopped waiting before
   * the commit (its execution stopped) makes no call; its outcome would be dropped anyway.
   */
  private callOut(ex: Execution, th: Thread, submitted: boolean, call: () => Promise<Outcome>): void {
    const seq = th.seq;
    const made = this.batch
      .outside()
      .then((): Promise<Outcome> => (current(ex, th, seq) ? call() : Promise.resolve(STOPPED_WAITING)));
    this.scheduler.track(ex.id, th.id, seq, made, submitted);
  }

  /**
   * Records when the Lambda invocation about to start must end (written with the step that starts it),
   * for a function registered with its own timeout; others are re-sent at once after a restart.
   */
  private noteInvocation(ex: Execution, th: Thread, functionName: string): void {
    const timeoutMs = this.to.lambdas.resolve(functionName)?.timeoutMs;
    if (timeoutMs === undefined) delete th.task!.invocationDeadline;
    else th.task!.invocationDeadline = Date.now() + timeoutMs;
    this.batch.touch(ex, th);
  }

  /**
   * Re-sends a Lambda invocation lost with the previous process once its deadline has passed, as Lambda
   * would have timed it out: until then its idempotency record is still in progress.
   */
  redispatchAfterDeadline(ex: Execution, th: Thread): void {
    const wait = (th.task?.invocationDeadline ?? 0) - Date.now();
    if (wait <= 0) {
      this.dispatchTask(ex, th);
      return;
    }
    const seq = th.seq;
    this.scheduler.delay(wait, () => {
      if (current(ex, th, seq)) this.dispatchTask(ex, th);
    });
  }

  /** states:startExecution from a task: the child is created in the parent's step (atomically with it). */
  private startChild(ex: Execution, th: Thread, pattern: string, date: Date): Outcome {
    const params = (th.task!.params ?? {}) as Record<string, unknown>;
    const smArn = params.StateMachineArn;
    if (typeof smArn !== 'string') return missingParameter('StateMachineArn');
    const sm = this.store.getStateMachine(smArn.split('#')[0]);
    if (!sm) {
      return {
        ok: false,
        error: 'StepFunctions.StateMachineDoesNotExistException',
        cause: `State Machine Does Not Exist: '${smArn}' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: ${randomUUID()}; Proxy: null)`,
      };
    }
    // No Input, or a null one, starts the child with {} (AWS recordings).
    const input =
      params.Input === undefined || params.Input === null
        ? '{}'
        : typeof params.Input === 'string'
          ? params.Input
          : JSON.stringify(params.Input);
    const name = typeof params.Name === 'string' ? params.Name : randomUUID();
    const arn = this.registry.executionArn(sm.arn, name, sm.type === 'EXPRESS');
    const waitsForChild = pattern === 'sync' || pattern === 'sync2';
    const running = this.registry.running(arn);
    if (running && sm.type === 'STANDARD' && running.inputText === input) {
      // StartExecution is idempotent for a running Standard execution of the same name and input, and
      // a `.sync` task then follows that execution: a parent redriven after its child was redriven picks
      // the child up again, and a repeated run of the reporting cycle follows the first run's child.
      if (waitsForChild) {
        const link = { execArn: ex.arn, threadId: th.id, seq: th.seq };
        // Its own parent, redriven, takes it up again; any other execution follows it beside the parent.
        if (running.parent?.execArn === ex.arn) running.parent = link;
        else running.followers = [...running.followers.filter((f) => f.execArn !== ex.arn), link];
        this.batch.touch(running);
      }
      th.task!.childArn = running.arn;
      this.batch.touch(ex, th);
      const body = { ExecutionArn: running.arn, StartDate: running.startMs };
      return { ok: true, value: { ...body, ...sdkMetadata(randomUUID(), date, body) } };
    }
    if (this.registry.executionExists(arn)) {
      return {
        ok: false,
        error: 'StepFunctions.ExecutionAlreadyExistsException',
        cause: `Execution Already Exists: '${arn}' (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists; Request ID: ${randomUUID()}; Proxy: null)`,
      };
    }
    const child = this.lifecycle.createExecution({
      machine: sm,
      name,
      inputText: input,
      parent: waitsForChild ? { execArn: ex.arn, threadId: th.id, seq: th.seq } : undefined,
      mockTestCase: smArn.includes('#') ? smArn.split('#')[1] : undefined,
      durable: true,
    });
    th.task!.childArn = child.arn;
    this.batch.touch(ex, th);
    const body = { ExecutionArn: child.arn, StartDate: child.startMs };
    return { ok: true, value: { ...body, ...sdkMetadata(randomUUID(), date, body) } };
  }

  /** What a `.sync` / `.sync:2` task returns for a finished child execution. */
  childOutcome(childArn: string, resourceName: string): Outcome {
    // The child may have ended since the last commit: then only memory knows its final state.
    const ex = this.batch.endedUncommitted(childArn)?.toRow() ?? this.store.getExecution(childArn);
    if (!ex) return { ok: false, error: 'States.TaskFailed', cause: `Execution ${childArn} not found` };
    const parsed = resourceName.endsWith(':2');
    const base: Record<string, unknown> = {
      ExecutionArn: ex.arn,
      Input: parsed ? JSON.parse(ex.input) : ex.input,
      InputDetails: { Included: true },
      Name: ex.name,
    };
    if (ex.status === 'SUCCEEDED') {
      return {
        ok: true,
        value: {
          ...base,
          Output: parsed ? JSON.parse(ex.output ?? 'null') : ex.output,
          OutputDetails: { Included: true },
          // As DescribeExecution answers for it (AWS recordings of .sync and .sync:2).
          RedriveCount: runtimeOf(ex).redriveCount,
          RedriveStatus: 'NOT_REDRIVABLE',
          RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
          StartDate: ex.startMs,
          StateMachineArn: ex.smArn,
          Status: ex.status,
          StopDate: ex.stopMs,
        },
      };
    }
    const cause: Record<string, unknown> = {};
    if (ex.cause) cause.Cause = ex.cause;
    if (ex.error) cause.Error = ex.error;
    Object.assign(cause, base, {
      StartDate: ex.startMs,
      StateMachineArn: ex.smArn,
      Status: ex.status,
      StopDate: ex.stopMs,
    });
    return { ok: false, error: 'States.TaskFailed', cause: JSON.stringify(cause) };
  }
}

/** Is the thread still in the task phase it was in at `seq`? */
function current(ex: Execution, th: Thread, seq: number): boolean {
  return ex.status === 'RUNNING' && th.phase === 'task' && th.seq === seq && ex.threads.get(th.id) === th;
}

/** What a call not made answers; its thread has moved on, so the outcome is dropped (its `seq` is old). */
const STOPPED_WAITING: Outcome = { ok: false, error: 'States.Runtime', cause: 'The task stopped waiting.' };

function missingParameter(name: string): Outcome {
  return {
    ok: false,
    error: 'States.Runtime',
    cause: `The field '${name}' is required by the integration.`,
  };
}
