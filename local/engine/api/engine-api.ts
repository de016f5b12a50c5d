import type { Execution } from '../execution';
import type { NewExecution } from '../runtime/lifecycle';
import type { EventRow, ExecutionRow, StateMachineRow } from '../store';

/**
 * What the HTTP API asks of the engine. Reads of executions go through methods that first commit what is
 * pending, so an answer never shows less than a step the caller was already told about.
 */
export interface EngineApi {
  readonly region: string;
  readonly accountId: string;
  readonly virtual: boolean;
  now(): number;
  describeClock(): string;
  moveClock(target: number): Promise<void>;
  hasMockTestCase(stateMachineName: string, testCase: string): boolean;

  stateMachine(arn: string): StateMachineRow | undefined;
  putStateMachine(sm: StateMachineRow): void;
  listStateMachines(): StateMachineRow[];
  deleteStateMachine(arn: string): void;

  executionArn(smArn: string, name: string, express: boolean): string;
  running(arn: string): Execution | undefined;
  executionExists(arn: string): boolean;
  createExecution(o: NewExecution): Execution;
  commitSoon(ex: Execution): Promise<void>;
  onExecutionEnd(id: number, fn: (ex: Execution) => void): void;
  committedExecution(arn: string): Promise<ExecutionRow | undefined>;
  committedExecutions(
    smArn: string,
    status: string | undefined,
    beforeId: number,
    limit: number,
  ): Promise<ExecutionRow[]>;
  /** Read after `committedExecution` answered for the same execution. */
  historyEvents(execId: number, cursor: number, limit: number, reverse: boolean): EventRow[];

  stopExecution(arn: string, error?: string, cause?: string): Promise<number>;
  redriveExecution(arn: string): Promise<number>;
  callback(
    token: string,
    action: 'success' | 'failure' | 'heartbeat',
    payload: { output?: unknown; error?: string; cause?: string },
  ): Promise<void>;
}
