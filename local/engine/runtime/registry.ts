import { createHash, randomBytes } from 'node:crypto';
import type { Execution } from '../execution';
import type { Store } from '../store';
import type { MachineDef, Thread } from '../types';
import type { PersistenceBatch } from './persistence-batch';

/**
 * The executions in memory (every running one, until it ends) and what finds them: ids, ARNs, the task
 * tokens their threads wait on, and the parsed definitions they share. Whether an ARN is taken also asks
 * the batch and the store, since an execution may be uncommitted or long finished.
 */
export class ExecutionRegistry {
  private readonly executions = new Map<number, Execution>();
  private readonly byArn = new Map<string, Execution>();
  private readonly tokens = new Map<string, { execId: number; threadId: number }>();
  private readonly definitions = new Map<string, MachineDef>();
  private readonly definitionsByText = new Map<string, { def: MachineDef; hash: string }>();
  /** Waiters for StartSyncExecution / TestState results of in-memory executions, by execution id. */
  private readonly endWaiters = new Map<number, ((ex: Execution) => void)[]>();
  private nextExecId: number;

  constructor(
    private readonly store: Store,
    private readonly batch: PersistenceBatch,
    private readonly region: string,
    private readonly accountId: string,
  ) {
    this.nextExecId = store.nextExecutionId();
  }

  // ------------------------------------------------------------------------------------------ executions

  newId(): number {
    return this.nextExecId++;
  }

  add(ex: Execution): void {
    this.executions.set(ex.id, ex);
    this.byArn.set(ex.arn, ex);
  }

  remove(ex: Execution): void {
    this.executions.delete(ex.id);
    this.byArn.delete(ex.arn);
  }

  byId(id: number): Execution | undefined {
    return this.executions.get(id);
  }

  running(arn: string): Execution | undefined {
    return this.byArn.get(arn);
  }

  /** Executions still running (they are held in memory until they end). */
  runningCount(): number {
    return this.executions.size;
  }

  all(): IterableIterator<Execution> {
    return this.executions.values();
  }

  executionArn(smArn: string, name: string, express: boolean): string {
    const smName = smArn.slice(smArn.lastIndexOf(':') + 1);
    return `arn:aws:states:${this.region}:${this.accountId}:${express ? 'express' : 'execution'}:${smName}:${name}`;
  }

  /** Is there an execution with this ARN, running, finished, or created and not yet committed? */
  executionExists(arn: string): boolean {
    return this.byArn.has(arn) || this.batch.isCreatedUncommitted(arn) || this.store.hasExecution(arn);
  }

  definitionOf(text: string): { def: MachineDef; hash: string } {
    // Every StartExecution of a machine passes the same definition text: hash and parse it once.
    const known = this.definitionsByText.get(text);
    if (known) return known;
    const hash = createHash('sha256').update(text).digest('hex');
    let def = this.definitions.get(hash);
    if (!def) {
      def = JSON.parse(text) as MachineDef;
      this.definitions.set(hash, def);
    }
    if (this.definitionsByText.size > 1000) this.definitionsByText.clear();
    const entry = { def, hash };
    this.definitionsByText.set(text, entry);
    return entry;
  }

  onExecutionEnd(id: number, fn: (ex: Execution) => void): void {
    const list = this.endWaiters.get(id) ?? [];
    list.push(fn);
    this.endWaiters.set(id, list);
  }

  /** The waiters for this execution's end, handed over once (it ends once). */
  takeEndWaiters(id: number): ((ex: Execution) => void)[] | undefined {
    const waiters = this.endWaiters.get(id);
    if (waiters) this.endWaiters.delete(id);
    return waiters;
  }

  // ------------------------------------------------------------------------------------------ tokens

  newToken(): string {
    return `AQB${randomBytes(48).toString('base64url')}`;
  }

  registerToken(ex: Execution, th: Thread, token: string): void {
    this.tokens.set(token, { execId: ex.id, threadId: th.id });
    ex.tokenWrites.push({ token, threadId: th.id, open: true });
    this.batch.touch(ex);
  }

  /** Re-open a token of a recovered execution (the store already has it). */
  restoreToken(ex: Execution, th: Thread, token: string): void {
    this.tokens.set(token, { execId: ex.id, threadId: th.id });
  }

  closeToken(ex: Execution, th: Thread, token: string): void {
    if (!this.tokens.delete(token)) return;
    this.batch.tokenClosed(token);
    ex.tokenWrites.push({ token, threadId: th.id, open: false });
    this.batch.touch(ex);
  }

  /** The thread waiting on a token, while it waits. */
  tokenHolder(token: string): { execId: number; threadId: number } | undefined {
    return this.tokens.get(token);
  }
}
