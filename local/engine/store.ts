import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { chunkBodies } from './pending-events';

/** A state machine as stored; dates are epoch milliseconds. */
export interface StateMachineRow {
  arn: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  roleArn: string;
  definition: string;
  createdMs: number;
  updatedMs: number;
  revisionId: string;
  extra: Record<string, unknown>;
}

/** An execution as stored. `runtime` is the interpreter's own bookkeeping (JSON). */
export interface ExecutionRow {
  id: number;
  arn: string;
  smArn: string;
  name: string;
  status: string;
  definitionHash: string;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  startMs: number;
  stopMs: number | null;
  parent: string | null;
  runtime: string;
}

export interface EngineStats {
  executions: { stateMachineArn: string; status: string; count: number }[];
  historyEvents: number;
  /** States entered, which is what Step Functions Standard bills (retries aside). */
  stateTransitions: number;
  largestHistory?: { executionArn: string; events: number };
}

export interface EventRow {
  id: number;
  body: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS state_machines (
  arn TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, role_arn TEXT NOT NULL,
  definition TEXT NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
  revision_id TEXT NOT NULL, extra TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS definitions (hash TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS executions (
  id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, sm_arn TEXT NOT NULL, name TEXT NOT NULL,
  status TEXT NOT NULL, definition_hash TEXT NOT NULL, input TEXT NOT NULL, output TEXT, error TEXT,
  cause TEXT, start_ms INTEGER NOT NULL, stop_ms INTEGER, parent TEXT, runtime TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (sm_arn, id);
CREATE INDEX IF NOT EXISTS executions_running ON executions (status) WHERE status = 'RUNNING';
CREATE TABLE IF NOT EXISTS events (
  exec_id INTEGER NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (exec_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_chunks (
  exec_id INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, entered INTEGER NOT NULL,
  body NOT NULL, PRIMARY KEY (exec_id, first_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS threads (
  exec_id INTEGER NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (exec_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY, exec_id INTEGER NOT NULL, thread_id INTEGER NOT NULL, open INTEGER NOT NULL
) WITHOUT ROWID;
`;

type Row = Record<string, unknown>;

/**
 * Event chunks this long or longer are stored deflated (a BLOB); shorter ones as text. Deflating pays for
 * long chunks (a busy loop's 36 KB history shrinks fifteen-fold, fewer pages to write); for the few KB of a
 * short execution, setting up the compressor costs more CPU than the pages it saves (decisions.md).
 */
export const COMPRESS_FROM = 16 * 1024;

/** Page size of a new store's file. */
const PAGE_SIZE = 16 * 1024;
/** WAL bytes written before SQLite checkpoints them into the database file (its default: 1,000 × 4 KB). */
const WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024;

/**
 * The engine's durable store: one SQLite file in WAL mode (or an in-memory database).
 * Every method is synchronous; callers group writes of one step (or a batch of steps) with `transaction`.
 */
export class Store {
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  /** State machines change rarely and are read on every StartExecution. */
  private readonly machines = new Map<string, StateMachineRow | null>();
  /** Definition hashes written (or found) in this store: every execution of a machine names the same one. */
  private readonly definitionsStored = new Set<string>();
  /** Every execution ARN in the store, as a Bloom filter (built on the first name check). */
  private arns: ArnFilter | undefined;

  constructor(dataDir: string) {
    if (dataDir === ':memory:') {
      this.db = new DatabaseSync(':memory:');
    } else {
      mkdirSync(dataDir, { recursive: true });
      this.db = new DatabaseSync(join(dataDir, 'engine.sqlite'));
      // 16 KB pages (new stores; a store keeps the page size it was made with): a short execution's history
      // chunk (2-3 KB) then fits in its b-tree leaf beside others, where with 4 KB pages anything over ~1 KB
      // spills to an overflow page of its own, written whole at every commit (decisions.md, session 12).
      this.db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
      this.db.exec('PRAGMA journal_mode = WAL');
      // Checkpoint after the same 4 MB of WAL as SQLite's default (1,000 pages of 4 KB), whatever the page size.
      const pageSize = Number((this.db.prepare('PRAGMA page_size').get() as Row).page_size);
      this.db.exec(`PRAGMA wal_autocheckpoint = ${Math.max(1, Math.round(WAL_CHECKPOINT_BYTES / pageSize))}`);
      // NORMAL in WAL mode: a commit survives the process being killed (the WAL is in the OS's hands);
      // only a power loss could drop the last commits. The engine's durability promise is about kill -9.
      this.db.exec('PRAGMA synchronous = NORMAL');
    }
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.migrateEvents();
  }

  /** Stores written before event chunks kept one row per event: move them into one-event chunks. */
  private migrateEvents(): void {
    if (this.db.prepare('SELECT 1 AS found FROM events LIMIT 1').get() === undefined) return;
    this.transaction(() => {
      this.db.exec(`INSERT OR IGNORE INTO event_chunks (exec_id, first_id, last_id, entered, body)
        SELECT exec_id, id, id, json_extract(body, '$.t') LIKE '%StateEntered', body FROM events`);
      this.db.exec('DELETE FROM events');
    });
  }

  private stmt(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  transaction(fn: () => void): void {
    // Prepared once (stmt), not parsed by exec on every step: a step's transaction is the engine's
    // most frequent call.
    this.stmt('BEGIN IMMEDIATE').run();
    try {
      fn();
      this.stmt('COMMIT').run();
    } catch (e) {
      this.stmt('ROLLBACK').run();
      // What this transaction wrote is gone: forget the definitions it may have stored.
      this.definitionsStored.clear();
      throw e;
    }
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined;
    return row ? String(row.value) : undefined;
  }

  setMeta(key: string, value: string): void {
    this.stmt(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  putStateMachine(sm: StateMachineRow): void {
    this.machines.delete(sm.arn);
    this.stmt(
      `INSERT INTO state_machines (arn, name, type, role_arn, definition, created_ms, updated_ms, revision_id, extra)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(arn) DO UPDATE SET type = excluded.type, role_arn = excluded.role_arn,
         definition = excluded.definition, updated_ms = excluded.updated_ms,
         revision_id = excluded.revision_id, extra = excluded.extra`,
    ).run(
      sm.arn,
      sm.name,
      sm.type,
      sm.roleArn,
      sm.definition,
      sm.createdMs,
      sm.updatedMs,
      sm.revisionId,
      JSON.stringify(sm.extra),
    );
  }

  getStateMachine(arn: string): StateMachineRow | undefined {
    const cached = this.machines.get(arn);
    if (cached !== undefined) return cached ?? undefined;
    const row = this.stmt('SELECT * FROM state_machines WHERE arn = ?').get(arn) as Row | undefined;
    const sm = row ? toStateMachine(row) : undefined;
    if (this.machines.size > 10_000) this.machines.clear();
    this.machines.set(arn, sm ?? null);
    return sm;
  }

  listStateMachines(): StateMachineRow[] {
    return (this.stmt('SELECT * FROM state_machines ORDER BY created_ms, arn').all() as Row[]).map(
      toStateMachine,
    );
  }

  deleteStateMachine(arn: string): void {
    this.machines.delete(arn);
    this.stmt('DELETE FROM state_machines WHERE arn = ?').run(arn);
  }

  putDefinition(hash: string, body: string): void {
    if (this.definitionsStored.has(hash)) return;
    this.stmt('INSERT OR IGNORE INTO definitions (hash, body) VALUES (?, ?)').run(hash, body);
    if (this.definitionsStored.size > 10_000) this.definitionsStored.clear();
    this.definitionsStored.add(hash);
  }

  getDefinition(hash: string): string | undefined {
    const row = this.stmt('SELECT body FROM definitions WHERE hash = ?').get(hash) as Row | undefined;
    return row ? String(row.body) : undefined;
  }

  nextExecutionId(): number {
    const row = this.stmt('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM executions').get() as Row;
    return Number(row.next);
  }

  upsertExecution(e: ExecutionRow): void {
    if (this.arns !== undefined) {
      // Rolled back, an ARN stays in the filter: a false "maybe", which the index settles.
      if (this.arns.full()) this.arns = this.loadArns();
      this.arns.add(e.arn);
    }
    this.stmt(
      `INSERT INTO executions (id, arn, sm_arn, name, status, definition_hash, input, output, error, cause,
         start_ms, stop_ms, parent, runtime)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET status = excluded.status, definition_hash = excluded.definition_hash,
         output = excluded.output, error = excluded.error, cause = excluded.cause, start_ms = excluded.start_ms,
         stop_ms = excluded.stop_ms, parent = excluded.parent, runtime = excluded.runtime`,
    ).run(
      e.id,
      e.arn,
      e.smArn,
      e.name,
      e.status,
      e.definitionHash,
      e.input,
      e.output,
      e.error,
      e.cause,
      e.startMs,
      e.stopMs,
      e.parent,
      e.runtime,
    );
  }

  /**
   * A running execution's progress after a step (the immutable columns were written by upsertExecution).
   * The parent can change: a redriven parent's `.sync` task takes up its redriven child again.
   */
  updateExecution(e: ExecutionRow): void {
    this.stmt(
      'UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, start_ms = ?, stop_ms = ?, parent = ?, runtime = ?, definition_hash = ? WHERE id = ?',
    ).run(
      e.status,
      e.output,
      e.error,
      e.cause,
      e.startMs,
      e.stopMs,
      e.parent,
      e.runtime,
      e.definitionHash,
      e.id,
    );
  }

  getExecution(arn: string): ExecutionRow | undefined {
    const row = this.stmt('SELECT * FROM executions WHERE arn = ?').get(arn) as Row | undefined;
    return row ? toExecution(row) : undefined;
  }

  /**
   * Is an execution with this ARN stored? A new name (most StartExecution calls) is answered by the filter
   * without reading the ARN index; "maybe" is settled by the index. This holds because the engine is the only
   * writer of its store: a row written by another process would be missing from the filter.
   */
  hasExecution(arn: string): boolean {
    if (this.arns === undefined) this.arns = this.loadArns();
    if (!this.arns.mightHave(arn)) return false;
    return this.stmt('SELECT 1 AS found FROM executions WHERE arn = ?').get(arn) !== undefined;
  }

  /** The filter of every stored ARN, sized for twice as many as there are (rebuilt when they outgrow it). */
  private loadArns(): ArnFilter {
    const count = Number((this.stmt('SELECT COUNT(*) AS n FROM executions').get() as Row).n);
    const filter = new ArnFilter(Math.max(ArnFilter.MIN_CAPACITY, count * 2));
    for (const row of this.stmt('SELECT arn FROM executions').iterate()) filter.add(String((row as Row).arn));
    return filter;
  }

  getExecutionById(id: number): ExecutionRow | undefined {
    const row = this.stmt('SELECT * FROM executions WHERE id = ?').get(id) as Row | undefined;
    return row ? toExecution(row) : undefined;
  }

  /** Executions of a machine, newest first, starting below `beforeId`. */
  listExecutions(smArn: string, status: string | undefined, beforeId: number, limit: number): ExecutionRow[] {
    const rows = status
      ? this.stmt(
          'SELECT * FROM executions WHERE sm_arn = ? AND status = ? AND id < ? ORDER BY id DESC LIMIT ?',
        ).all(smArn, status, beforeId, limit)
      : this.stmt('SELECT * FROM executions WHERE sm_arn = ? AND id < ? ORDER BY id DESC LIMIT ?').all(
          smArn,
          beforeId,
          limit,
        );
    return (rows as Row[]).map(toExecution);
  }

  runningExecutions(): ExecutionRow[] {
    return (this.stmt("SELECT * FROM executions WHERE status = 'RUNNING' ORDER BY id").all() as Row[]).map(
      toExecution,
    );
  }

  /**
   * The events one step (or group of steps) added to an execution, as one row: their bodies joined by
   * newlines (JSON text never holds a raw newline). `entered` counts the *StateEntered among them.
   */
  insertEvents(execId: number, events: EventRow[], entered: number): void {
    if (events.length === 0) return;
    const text = events.length === 1 ? events[0].body : events.map((e) => e.body).join('\n');
    // Histories repeat their state names, inputs and keys: compressed, a chunk is a fraction of the bytes to
    // write (writes bound a busy engine's throughput).
    const body = text.length < COMPRESS_FROM ? text : deflateRawSync(text, { level: 1 });
    this.stmt(
      'INSERT INTO event_chunks (exec_id, first_id, last_id, entered, body) VALUES (?, ?, ?, ?, ?)',
    ).run(execId, events[0].id, events[events.length - 1].id, entered, body);
  }

  /**
   * One chunk of events given as their UTF-8 bodies joined by newlines (`insertEvents`' row, without the
   * strings: the engine keeps pending events as bytes).
   */
  insertChunk(execId: number, firstId: number, lastId: number, entered: number, utf8: Uint8Array): void {
    const body =
      utf8.length < COMPRESS_FROM
        ? Buffer.from(utf8.buffer, utf8.byteOffset, utf8.length).toString('utf8')
        : deflateRawSync(utf8, { level: 1 });
    this.stmt(
      'INSERT INTO event_chunks (exec_id, first_id, last_id, entered, body) VALUES (?, ?, ?, ?, ?)',
    ).run(execId, firstId, lastId, entered, body);
  }

  /** Events with id > cursor (ascending) or id < cursor (descending), at most `limit`. */
  events(execId: number, cursor: number, limit: number, reverse: boolean): EventRow[] {
    // Every chunk holds at least one event, so `limit` chunks are enough.
    const chunks = (
      reverse
        ? this.stmt(
            'SELECT first_id, body FROM event_chunks WHERE exec_id = ? AND first_id < ? ORDER BY first_id DESC LIMIT ?',
          ).all(execId, cursor, limit)
        : this.stmt(
            'SELECT first_id, body FROM event_chunks WHERE exec_id = ? AND last_id > ? ORDER BY first_id LIMIT ?',
          ).all(execId, cursor, limit)
    ) as Row[];
    const out: EventRow[] = [];
    for (const chunk of chunks) {
      const stored = chunk.body;
      const text = typeof stored === 'string' ? stored : inflateRawSync(stored as Uint8Array).toString();
      const bodies = chunkBodies(text);
      const first = Number(chunk.first_id);
      if (reverse) {
        for (let i = bodies.length - 1; i >= 0 && out.length < limit; i--) {
          if (first + i < cursor) out.push({ id: first + i, body: bodies[i] });
        }
      } else {
        for (let i = 0; i < bodies.length && out.length < limit; i++) {
          if (first + i > cursor) out.push({ id: first + i, body: bodies[i] });
        }
      }
      if (out.length >= limit) break;
    }
    return out;
  }

  upsertThread(execId: number, id: number, body: string): void {
    this.stmt(
      'INSERT INTO threads (exec_id, id, body) VALUES (?, ?, ?) ON CONFLICT(exec_id, id) DO UPDATE SET body = excluded.body',
    ).run(execId, id, body);
  }

  deleteThread(execId: number, id: number): void {
    this.stmt('DELETE FROM threads WHERE exec_id = ? AND id = ?').run(execId, id);
  }

  deleteThreads(execId: number): void {
    this.stmt('DELETE FROM threads WHERE exec_id = ?').run(execId);
  }

  threads(execId: number): EventRow[] {
    return (this.stmt('SELECT id, body FROM threads WHERE exec_id = ? ORDER BY id').all(execId) as Row[]).map(
      (r) => ({ id: Number(r.id), body: String(r.body) }),
    );
  }

  putToken(token: string, execId: number, threadId: number, open: boolean): void {
    this.stmt(
      'INSERT INTO tokens (token, exec_id, thread_id, open) VALUES (?, ?, ?, ?) ON CONFLICT(token) DO UPDATE SET open = excluded.open',
    ).run(token, execId, threadId, open ? 1 : 0);
  }

  closeTokensOf(execId: number): void {
    this.stmt('UPDATE tokens SET open = 0 WHERE exec_id = ? AND open = 1').run(execId);
  }

  getToken(token: string): { execId: number; threadId: number; open: boolean } | undefined {
    const row = this.stmt('SELECT exec_id, thread_id, open FROM tokens WHERE token = ?').get(token) as
      | Row
      | undefined;
    return row
      ? { execId: Number(row.exec_id), threadId: Number(row.thread_id), open: Number(row.open) === 1 }
      : undefined;
  }

  openTokens(): { token: string; execId: number; threadId: number }[] {
    return (this.stmt('SELECT token, exec_id, thread_id FROM tokens WHERE open = 1').all() as Row[]).map(
      (r) => ({
        token: String(r.token),
        execId: Number(r.exec_id),
        threadId: Number(r.thread_id),
      }),
    );
  }

  /** Totals for reports and benchmarks: executions by machine and status, history events, state transitions. */
  stats(): EngineStats {
    const executions = (
      this.stmt('SELECT sm_arn, status, COUNT(*) AS n FROM executions GROUP BY sm_arn, status').all() as Row[]
    ).map((r) => ({ stateMachineArn: String(r.sm_arn), status: String(r.status), count: Number(r.n) }));
    const totals = this.stmt(
      'SELECT SUM(last_id - first_id + 1) AS events, SUM(entered) AS entered FROM event_chunks',
    ).get() as Row;
    const largest = this.stmt(
      'SELECT e.arn AS arn, SUM(v.last_id - v.first_id + 1) AS n FROM event_chunks v JOIN executions e ON e.id = v.exec_id GROUP BY v.exec_id ORDER BY n DESC LIMIT 1',
    ).get() as Row | undefined;
    return {
      executions,
      historyEvents: Number(totals.events ?? 0),
      stateTransitions: Number(totals.entered ?? 0),
      largestHistory: largest ? { executionArn: String(largest.arn), events: Number(largest.n) } : undefined,
    };
  }
}

/**
 * A Bloom filter of execution ARNs: "no" is certain, "maybe" must be checked. 16 bits and 11 hashes an ARN
 * at capacity: about 1 false "maybe" in 2,000. Once `full`, the store replaces it with a larger one, so the
 * rate holds as the store grows.
 */
export class ArnFilter {
  static readonly MIN_CAPACITY = 4096;
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private count = 0;

  constructor(readonly capacity: number) {
    // A power of two of bits, at least 16 an ARN.
    let size = 32;
    while (size < capacity * BITS_PER_ARN) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  full(): boolean {
    return this.count >= this.capacity;
  }

  add(arn: string): void {
    this.count++;
    hashes(arn);
    let h = h1;
    for (let i = 0; i < HASHES; i++) {
      const bit = h & this.mask;
      this.bits[bit >>> 5] |= 1 << (bit & 31);
      h = (h + h2) | 0;
    }
  }

  mightHave(arn: string): boolean {
    hashes(arn);
    let h = h1;
    for (let i = 0; i < HASHES; i++) {
      const bit = h & this.mask;
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
      h = (h + h2) | 0;
    }
    return true;
  }
}

const BITS_PER_ARN = 16;
const HASHES = 11;

// The two hashes of the last ARN given to `hashes` (module state rather than a returned pair: no allocation).
let h1 = 0;
let h2 = 0;

/**
 * Two hashes of the string's UTF-16 code units, combined as h1 + i * h2 (Kirsch and Mitzenmacher): FNV-1a
 * once over the text, then two different murmur finishes of it. Both come from one 32-bit state, so two ARNs
 * whose states collide (1 in 4 billion a pair) always share their bits: negligible beside the filter's own
 * rate, and one pass over the text instead of two.
 */
function hashes(text: string): void {
  let a = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
  h1 = mix(a);
  h2 = mix(a ^ 0x9e3779b9) | 1;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function toStateMachine(row: Row): StateMachineRow {
  return {
    arn: String(row.arn),
    name: String(row.name),
    type: String(row.type) as 'STANDARD' | 'EXPRESS',
    roleArn: String(row.role_arn),
    definition: String(row.definition),
    createdMs: Number(row.created_ms),
    updatedMs: Number(row.updated_ms),
    revisionId: String(row.revision_id),
    extra: JSON.parse(String(row.extra)),
  };
}

function toExecution(row: Row): ExecutionRow {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(row.id),
    arn: String(row.arn),
    smArn: String(row.sm_arn),
    name: String(row.name),
    status: String(row.status),
    definitionHash: String(row.definition_hash),
    input: String(row.input),
    output: str(row.output),
    error: str(row.error),
    cause: str(row.cause),
    startMs: Number(row.start_ms),
    stopMs: row.stop_ms === null || row.stop_ms === undefined ? null : Number(row.stop_ms),
    parent: str(row.parent),
    runtime: String(row.runtime),
  };
}
