// The duplicate-name check at StartExecution asks a Bloom filter of the store's execution ARNs before the
// ARN index: a fresh name is answered without reading the index, and a "maybe" (a true one, or a false one)
// is settled by the index. Valid because the engine is the only writer of its store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementSync } from 'node:sqlite';
import { afterAll, afterEach, expect, test, vi } from 'vitest';
import { ArnFilter, type ExecutionRow, Store } from '../../local/engine/store';

const dir = mkdtempSync(join(tmpdir(), 'engine-arns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const arnOf = (name: string) => `arn:aws:states:eu-west-2:123456789012:execution:data-flow:${name}`;

function row(id: number, name: string): ExecutionRow {
  return {
    id,
    arn: arnOf(name),
    smArn: 'arn:aws:states:eu-west-2:123456789012:stateMachine:data-flow',
    name,
    status: 'RUNNING',
    definitionHash: 'h',
    input: '{}',
    output: null,
    error: null,
    cause: null,
    startMs: 0,
    stopMs: null,
    parent: null,
    runtime: '{}',
  };
}

/** Counts the ARN index probes the store makes. */
function probes() {
  const get = StatementSync.prototype.get;
  const spy = vi.spyOn(StatementSync.prototype, 'get');
  let count = 0;
  spy.mockImplementation(function (this: StatementSync, ...args: unknown[]) {
    if (this.sourceSQL.includes('FROM executions WHERE arn = ?')) count++;
    return get.apply(this, args as never);
  });
  return () => count;
}

test('the filter never misses an ARN added and rarely says maybe for one that was not', () => {
  // Prepare
  const filter = new ArnFilter(20_000);
  for (let i = 0; i < 20_000; i++) filter.add(arnOf(`run-${i}`));
  // Act
  let missed = 0;
  let falseMaybes = 0;
  for (let i = 0; i < 20_000; i++) {
    if (!filter.mightHave(arnOf(`run-${i}`))) missed++;
    if (filter.mightHave(arnOf(`other-${i}`))) falseMaybes++;
  }
  // Assess: about 1 in 2,000 expected at capacity
  expect(missed).toBe(0);
  expect(falseMaybes).toBeLessThan(40);
  expect(filter.full()).toBe(true);
});

test('a fresh name skips the index; a stored one, and a false maybe, are settled by it', () => {
  // Prepare: a stored execution, and an ARN the filter holds though its row was rolled back
  const store = new Store(join(dir, 'a'));
  store.transaction(() => store.upsertExecution(row(1, 'stored')));
  expect(store.hasExecution(arnOf('warm-up'))).toBe(false);
  expect(() =>
    store.transaction(() => {
      store.upsertExecution(row(2, 'rolled-back'));
      throw new Error('rolled back');
    }),
  ).toThrow('rolled back');
  const count = probes();
  // Act
  const fresh = store.hasExecution(arnOf('fresh'));
  const freshProbes = count();
  const stored = store.hasExecution(arnOf('stored'));
  const falseMaybe = store.hasExecution(arnOf('rolled-back'));
  // Assess
  expect([fresh, freshProbes]).toEqual([false, 0]);
  expect([stored, falseMaybe, count()]).toEqual([true, false, 2]);
  store.close();
});

test('a reopened store finds the ARNs written before, and the filter grows with the store', () => {
  // Prepare: more executions than the smallest filter holds, then a new process on the same file
  const path = join(dir, 'b');
  const first = new Store(path);
  expect(first.hasExecution(arnOf('run-0'))).toBe(false);
  const total = ArnFilter.MIN_CAPACITY + 100;
  first.transaction(() => {
    for (let i = 0; i < total; i++) first.upsertExecution(row(i + 1, `run-${i}`));
  });
  const foundBeforeReopen = Array.from({ length: total }, (_, i) => first.hasExecution(arnOf(`run-${i}`)));
  first.close();
  // Act
  const second = new Store(path);
  const found = Array.from({ length: total }, (_, i) => second.hasExecution(arnOf(`run-${i}`)));
  // Assess
  expect(foundBeforeReopen.every(Boolean)).toBe(true);
  expect(found.every(Boolean)).toBe(true);
  expect(second.hasExecution(arnOf('never'))).toBe(false);
  second.close();
});
