// The store keeps each step's history events as one chunk row (deflated when long); stores written before
// chunks, one row per event, are moved into chunks when opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { chunkBodies, PendingEvents } from '../../local/engine/pending-events';
import { COMPRESS_FROM, Store } from '../../local/engine/store';

const dir = mkdtempSync(join(tmpdir(), 'engine-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Events 2..5 together are longer than COMPRESS_FROM, event 1 alone is shorter.
const body = (type: string, n: number) =>
  JSON.stringify({ t: type, ts: n, p: n - 1, d: { text: 'x'.repeat((n * COMPRESS_FROM) / 10) } });

test('chunks read back in both directions, across chunk edges, short and deflated alike', () => {
  // Prepare: a short chunk (text) and a long one (deflated)
  const store = new Store(join(dir, 'a'));
  const events = [1, 2, 3, 4, 5].map((id) => ({
    id,
    body: body(id === 1 ? 'ExecutionStarted' : 'PassStateEntered', id),
  }));
  store.insertEvents(7, events.slice(0, 1), 0);
  store.insertEvents(7, events.slice(1), 4);
  // Act
  const forward = store.events(7, 0, 100, false);
  const page = store.events(7, 1, 2, false);
  const backward = store.events(7, 5, 3, true);
  // Assess
  const stored = store.db.prepare(
    'SELECT typeof(body) AS kind FROM event_chunks WHERE exec_id = 7 ORDER BY first_id',
  );
  expect(stored.all()).toEqual([{ kind: 'text' }, { kind: 'blob' }]);
  expect(forward).toEqual(events);
  expect(page.map((e) => e.id)).toEqual([2, 3]);
  expect(backward.map((e) => e.id)).toEqual([4, 3, 2]);
  expect(store.stats()).toMatchObject({ historyEvents: 5, stateTransitions: 4 });
  store.close();
});

test('a store with one row per event is moved into chunks when opened', () => {
  // Prepare: the old layout, written directly
  const path = join(dir, 'b');
  const old = new Store(path);
  old.db.exec('DELETE FROM event_chunks');
  const insert = old.db.prepare('INSERT INTO events (exec_id, id, body) VALUES (?, ?, ?)');
  insert.run(3, 1, body('ExecutionStarted', 1));
  insert.run(3, 2, body('PassStateEntered', 2));
  old.close();
  // Act
  const reopened = new Store(path);
  // Assess
  expect(reopened.events(3, 0, 10, false).map((e) => JSON.parse(e.body).t)).toEqual([
    'ExecutionStarted',
    'PassStateEntered',
  ]);
  expect(reopened.stats()).toMatchObject({ historyEvents: 2, stateTransitions: 1 });
  expect(reopened.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
  reopened.close();
});

test('pending events kept as bytes are stored as one chunk and read back as the same bodies', () => {
  // Prepare: a short history with text outside ASCII, and one long enough to outgrow the first buffer and
  // be deflated
  const store = new Store(join(dir, 'c'));
  const short = [1, 2].map((id) => ({ id, body: JSON.stringify({ t: 'PassStateEntered', d: `é ☃ ${id}` }) }));
  const long = [1, 2, 3, 4, 5].map((id) => ({ id, body: body('PassStateEntered', id) }));
  const pending = new PendingEvents();
  // Act
  for (const [execId, events] of [
    [1, short],
    [2, long],
  ] as const) {
    for (const e of events) pending.add(e.id, e.body, true);
    store.insertChunk(
      execId,
      pending.first,
      pending.first + pending.count - 1,
      pending.entered,
      pending.bytes(),
    );
    pending.clear(true);
  }
  // Assess
  expect(store.events(1, 0, 10, false)).toEqual(short);
  expect(store.events(2, 0, 10, false)).toEqual(long);
  const stored = store.db.prepare('SELECT typeof(body) AS kind FROM event_chunks ORDER BY exec_id');
  expect(stored.all()).toEqual([{ kind: 'text' }, { kind: 'blob' }]);
  expect(store.stats()).toMatchObject({ historyEvents: 7, stateTransitions: 7 });
  store.close();
});

test('a payload repeated in one chunk is stored once and read back in full, short and deflated alike', () => {
  // Prepare: an exit and the next entry sharing one long payload (text outside ASCII before and inside it,
  // so offsets in characters and in bytes differ), a short payload written twice, and a history long enough
  // to be deflated
  const store = new Store(join(dir, 'd'));
  const pending = new PendingEvents();
  const event = (owner: object, literal: string, n: number) => ({
    head: `{"t":"PassStateExited","ts":${n},"p":${n - 1},"d":{"name":"☃ ${n}","output":`,
    owner,
    literal,
    tail: ',"outputDetails":{"truncated":false}}}',
  });
  const long = { text: JSON.stringify({ note: `é ☃ "${'x'.repeat(40)}"` }) };
  const short = { text: '{"i":1}' };
  const huge = { text: JSON.stringify({ blob: 'y'.repeat(COMPRESS_FROM) }) };
  const histories = [
    [event(long, JSON.stringify(long.text), 1), event(short, JSON.stringify(short.text), 2)],
    [event(long, JSON.stringify(long.text), 3), event(short, JSON.stringify(short.text), 4)],
    [event(huge, JSON.stringify(huge.text), 5), event(huge, JSON.stringify(huge.text), 6)],
  ];
  const full = (e: ReturnType<typeof event>) => `${e.head}${e.literal}${e.tail}`;
  // Act: executions 1 (short text) and 2 (deflated), each with every event twice
  const written: string[] = [];
  for (const [execId, events] of [
    [1, [...histories[0], ...histories[1]]],
    [2, [...histories[2], ...histories[2]]],
  ] as const) {
    events.forEach((e, i) => {
      pending.addShared(i + 1, e.head, e.owner, e.literal, e.tail, false);
    });
    written.push(pending.bytes().toString('utf8'));
    store.insertChunk(execId, 1, events.length, 0, pending.bytes());
    pending.clear(true);
  }
  // Assess
  const expected1 = [...histories[0], ...histories[1]].map(full);
  const expected2 = [...histories[2], ...histories[2]].map(full);
  expect(store.events(1, 0, 10, false).map((e) => e.body)).toEqual(expected1);
  expect(store.events(2, 0, 10, false).map((e) => e.body)).toEqual(expected2);
  expect(store.events(1, 4, 2, true).map((e) => e.body)).toEqual([expected1[2], expected1[1]]);
  expect(expected1.map((b) => JSON.parse(b).d.output)).toEqual([
    long.text,
    short.text,
    long.text,
    short.text,
  ]);
  const stored1 = written[0];
  expect(stored1.split('\u0001')).toHaveLength(2);
  expect(stored1.split(JSON.stringify(long.text))).toHaveLength(2);
  expect(stored1.split(JSON.stringify(short.text))).toHaveLength(3);
  expect(written[1].length).toBeLessThan(expected2.join('\n').length / 3);
  const stored = store.db.prepare('SELECT typeof(body) AS kind FROM event_chunks ORDER BY exec_id');
  expect(stored.all()).toEqual([{ kind: 'text' }, { kind: 'blob' }]);
  store.close();
});

test('chunk text without references is split as it is', () => {
  expect(chunkBodies('{"t":"A"}\n{"t":"B"}')).toEqual(['{"t":"A"}', '{"t":"B"}']);
});
