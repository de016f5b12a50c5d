/** The parts of an Amazon States Language definition the interpreter reads (validation is the language module's). */
export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
}

export interface StateDef {
  Type: 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  Arguments?: unknown;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Result?: unknown;
  Resource?: string;
  Credentials?: unknown;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: Record<string, unknown>[];
  Default?: string;
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  Branches?: MachineDef[];
  Iterator?: MachineDef & { ProcessorConfig?: { Mode?: string; ExecutionType?: string } };
  ItemProcessor?: MachineDef & { ProcessorConfig?: { Mode?: string; ExecutionType?: string } };
  ItemsPath?: string;
  Items?: unknown;
  ItemSelector?: unknown;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  Label?: string;
}

export interface MachineDef {
  StartAt: string;
  States: Record<string, StateDef>;
  QueryLanguage?: QueryLanguage;
  TimeoutSeconds?: number;
  Comment?: string;
}

/** Where a thread's states live: the root machine, a Parallel branch or a Map's processor. */
export type ScopeStep = { state: string; branch?: number };

export type Phase = 'enter' | 'task' | 'wait' | 'retry' | 'children' | 'done';

/** A task in flight: what was invoked and the timers that watch it. */
export interface TaskRun {
  resource: string;
  resourceType: string;
  resourceName: string;
  /** The effective parameters / arguments sent to the integration. */
  params: unknown;
  kind: 'lambda-arn' | 'service';
  token?: string;
  /** waitForTaskToken: the integration call has returned, only the callback is awaited. */
  submitted?: boolean;
  timeoutAt?: number;
  heartbeatSeconds?: number;
  heartbeatAt?: number;
  timeoutSeconds?: number;
  /** A child execution started by this task (states:startExecution). */
  childArn?: string;
  mockIndex?: number;
  /**
   * Real time (ms) by which the Lambda invocation under way must end: its start plus the function's
   * timeout. An invocation lost with the engine's process is re-sent only after it, as Lambda would
   * have timed it out first (and the idempotency record it took has expired by then).
   */
  invocationDeadline?: number;
}

export interface ChildrenRun {
  kind: 'parallel' | 'map';
  total: number;
  started: number;
  done: number;
  failed: number;
  maxConcurrency: number;
  toleratedCount: number;
  toleratedPercentage: number;
  /** Map: the items; Parallel: unused. */
  items?: unknown[];
  /** Map: the effective input the ItemSelector sees. */
  selectorInput?: unknown;
  /** Thread id of each branch / iteration (index -> id), for collecting outputs in order. */
  childIds: number[];
  startedEventId: number;
  /** A Distributed Map: its iterations are a Map Run's child executions, not events of this history. */
  distributed?: boolean;
}

/** One line of control inside an execution: the root, a Parallel branch or a Map iteration. */
/** A value's JSON text (history events hold states' inputs and outputs as text). */
export interface StateText {
  of: unknown;
  text: string;
  /** `text` as a JSON string literal, made once for the exit and the next entry that both record it. */
  quoted?: string;
}

/** The key of a thread's input text: a symbol, so JSON.stringify (the thread's stored row) leaves it out. */
export const INPUT_TEXT: unique symbol = Symbol('inputText');

export interface Thread {
  id: number;
  parent?: number;
  index?: number;
  scope: ScopeStep[];
  state: string;
  phase: Phase;
  /** Bumped on every phase change; timers and results carrying an older value are stale. */
  seq: number;
  input: unknown;
  vars: Record<string, unknown>;
  retries: number[];
  retryCount: number;
  enteredMs: number;
  enteredEventId: number;
  /** The event the state's entered event follows (an EvaluationFailed event follows it too, as in AWS). */
  enteredPrev?: number;
  lastEventId: number;
  wakeAt?: number;
  task?: TaskRun;
  children?: ChildrenRun;
  mapItem?: { index: number; value: unknown };
  /** Effective input of a Task / Parallel / Map (after InputPath), kept for retries. */
  effective?: unknown;
  status: 'running' | 'succeeded' | 'failed';
  /** Inside a Distributed Map's iteration: its events belong to the Map Run's executions, not this history. */
  quiet?: boolean;
  /** A finished branch / iteration whose end its parent has already counted. */
  reported?: boolean;
  output?: unknown;
  /** How it failed; the flags say the failure named no error / no cause (a Catch sees null there). */
  error?: { error: string; cause: string; errorNull?: boolean; causeNull?: boolean };
  /** The text of `input` if the state that produced it has made it already (memory only). */
  [INPUT_TEXT]?: StateText;
}

export interface ParentLink {
  execArn: string;
  threadId: number;
  seq: number;
}
