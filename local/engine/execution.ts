import { PendingEvents } from './pending-events';
import type { ExecutionRow } from './store';
import type { MachineDef, ParentLink, Thread } from './types';

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

/** Interpreter bookkeeping persisted with the execution row. */
interface RuntimeJson {
  nextEventId: number;
  nextThreadId: number;
  roleArn: string;
  smName: string;
  type: 'STANDARD' | 'EXPRESS';
  redriveCount: number;
  redriveMs?: number;
  mockTestCase?: string;
  mockCounts?: Record<string, number>;
  redrive?: RedrivePoint;
  /** Other executions whose `.sync` task follows this one (a start that found it running). */
  followers?: ParentLink[];
}

/** Where an unsuccessful execution stopped: RedriveExecution re-enters this top-level state. */
export interface RedrivePoint {
  state: string;
  input: unknown;
  vars: Record<string, unknown>;
}

/** What an execution starts from; the rest is bookkeeping that starts empty. */
export type ExecutionInit = Pick<
  Execution,
  | 'id'
  | 'arn'
  | 'name'
  | 'smArn'
  | 'smName'
  | 'type'
  | 'roleArn'
  | 'def'
  | 'definitionHash'
  | 'status'
  | 'inputText'
  | 'startMs'
>;

/** An execution held in memory while it runs; the store has its last committed step. */
export class Execution {
  id!: number;
  arn!: string;
  name!: string;
  smArn!: string;
  smName!: string;
  type!: 'STANDARD' | 'EXPRESS';
  roleArn!: string;
  def!: MachineDef;
  definitionHash!: string;
  status!: ExecutionStatus;
  inputText!: string;
  input!: unknown;
  output: string | null = null;
  error: string | null = null;
  cause: string | null = null;
  startMs!: number;
  stopMs: number | null = null;
  nextEventId = 1;
  nextThreadId = 0;
  threads = new Map<number, Thread>();
  parent?: ParentLink;
  /** Executions other than the parent whose `.sync` task follows this one (told of its end too). */
  followers: ParentLink[] = [];
  redriveCount = 0;
  redriveMs?: number;
  mockTestCase?: string;
  redrive?: RedrivePoint;
  /** Invocations so far per mocked state (SFN_MOCK_CONFIG picks responses by this index). */
  mockCounts: Record<string, number> = {};
  /** EXPRESS executions run in memory only (AWS keeps no history for them either). */
  durable = true;
  /** A TestState run: what the API answers besides the output (status, next state). */
  test?: { status?: 'RETRIABLE' | 'CAUGHT_ERROR'; nextState?: string };
  /** The row exists in the store (later steps update it). */
  persisted = false;

  // Writes of the step being processed, turned into store operations when the step ends.
  dirtyThreads = new Set<number>();
  deletedThreads = new Set<number>();
  newEvents = new PendingEvents();
  tokenWrites: { token: string; threadId: number; open: boolean }[] = [];
  dropAllThreads = false;

  constructor(init: ExecutionInit) {
    const { inputText, ...fields } = init;
    Object.assign(this, fields);
    this.inputText = inputText;
    this.input = JSON.parse(inputText);
  }

  toRow(): ExecutionRow {
    const runtime: RuntimeJson = {
      nextEventId: this.nextEventId,
      nextThreadId: this.nextThreadId,
      roleArn: this.roleArn,
      smName: this.smName,
      type: this.type,
      redriveCount: this.redriveCount,
      redriveMs: this.redriveMs,
      mockTestCase: this.mockTestCase,
      mockCounts: this.mockCounts,
      redrive: this.redrive,
      ...(this.followers.length > 0 ? { followers: this.followers } : {}),
    };
    return {
      id: this.id,
      arn: this.arn,
      smArn: this.smArn,
      name: this.name,
      status: this.status,
      definitionHash: this.definitionHash,
      input: this.inputText,
      output: this.output,
      error: this.error,
      cause: this.cause,
      startMs: this.startMs,
      stopMs: this.stopMs,
      parent: this.parent ? JSON.stringify(this.parent) : null,
      runtime: JSON.stringify(runtime),
    };
  }

  static fromRow(row: ExecutionRow, def: MachineDef): Execution {
    const rt = JSON.parse(row.runtime) as RuntimeJson;
    const ex = new Execution({
      id: row.id,
      arn: row.arn,
      name: row.name,
      smArn: row.smArn,
      smName: rt.smName,
      type: rt.type,
      roleArn: rt.roleArn,
      def,
      definitionHash: row.definitionHash,
      status: row.status as ExecutionStatus,
      inputText: row.input,
      startMs: row.startMs,
    });
    ex.output = row.output;
    ex.error = row.error;
    ex.cause = row.cause;
    ex.stopMs = row.stopMs;
    ex.nextEventId = rt.nextEventId;
    ex.nextThreadId = rt.nextThreadId;
    ex.parent = row.parent ? (JSON.parse(row.parent) as ParentLink) : undefined;
    ex.redriveCount = rt.redriveCount;
    ex.redriveMs = rt.redriveMs;
    ex.mockTestCase = rt.mockTestCase;
    ex.mockCounts = rt.mockCounts ?? {};
    ex.followers = rt.followers ?? [];
    ex.redrive = rt.redrive;
    return ex;
  }
}

/** Parse the runtime JSON of a stored execution without building it (for Describe on closed executions). */
export function runtimeOf(row: ExecutionRow): RuntimeJson {
  return JSON.parse(row.runtime) as RuntimeJson;
}
