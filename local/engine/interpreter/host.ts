import type { Execution, ExecutionStatus } from '../execution';
import type { ScopeStep, StateText, Thread } from '../types';

/** How a new thread starts: the root of an execution, a Parallel branch or a Map iteration. */
export interface NewThread {
  parent?: number;
  index?: number;
  scope: ScopeStep[];
  state: string;
  input: unknown;
  vars: Record<string, unknown>;
  lastEventId: number;
  quiet?: boolean;
}

/** The timers a state can ask for; the execution's own timeout is the host's business. */
export type ThreadTimer = 'wake' | 'timeout' | 'heartbeat';

/**
 * What the interpreter needs from whoever runs it. The interpreter decides what a state does; the host owns
 * time, the run queue, persistence and the outside world, so the state modules can be read (and tested)
 * without knowing how steps are queued or committed.
 */
export interface InterpreterHost {
  readonly region: string;
  now(): number;

  /** Record a history event; answers its id (a quiet thread records nothing and answers its last id). */
  emit(
    ex: Execution,
    th: Thread | undefined,
    type: string,
    details: Record<string, unknown>,
    prev?: number,
  ): number;
  /**
   * Record `<Type>StateEntered` (`input`) or `<Type>StateExited` (`output`) with only the state's name and
   * that text: the same event `emit` records, built without the details object.
   */
  emitStateEvent(ex: Execution, th: Thread, type: string, entered: boolean, payload: StateText): number;
  /** The thread (or only the execution) changed: write it with the step. */
  touch(ex: Execution, th?: Thread): void;
  newThread(ex: Execution, init: NewThread): Thread;
  dropThread(ex: Execution, th: Thread): void;

  /** Run a thread that is ready to enter its state in a later signal (so others get their turn). */
  runLater(ex: Execution, th: Thread): void;
  /** Tell a finished branch's or iteration's parent, in a later signal. */
  reportToParent(ex: Execution, child: Thread): void;
  /** Fire `kind` for the thread at `due`, unless the thread has moved on by then. */
  addTimer(ex: Execution, th: Thread, due: number, kind: ThreadTimer): void;

  /** Start the integration call of a thread that just entered its task phase. */
  dispatchTask(ex: Execution, th: Thread): void;
  newToken(): string;
  registerToken(ex: Execution, th: Thread, token: string): void;
  closeToken(ex: Execution, th: Thread, token: string): void;
  /** Stop a child execution started by a task that no longer waits for it. */
  stopChildExecution(arn: string): void;

  finishExecution(
    ex: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>,
    result: { output?: string; error?: string; cause?: string },
  ): void;
}
