// Every case recorded against real AWS in tests/engine/aws-recorded/*.json runs through the engine: the final
// status, output, error and cause, and the history's event types with their ids and previous ids, must be
// AWS's. Where each case comes from is in its `source` (tests/engine/aws-recorded/README.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type EngineFixture, engineFixture } from './helpers';

interface RecordedCase {
  name: string;
  source: string;
  definition: object;
  input: unknown;
  /** The test's Lambda functions by name, as the handler file each ran (replay.py). */
  lambdas?: Record<string, string>;
  /** What the recording wrote in place of a Lambda function's name. */
  names?: Record<string, string>;
  /** A state machine the execution starts, named in its input by the recording's placeholder. */
  started?: object;
  /** The input's `<timestamp>` is the clock's time plus `days`, to the second, then `suffix` (the test's). */
  timestamp?: { days: number; suffix: string };
  expected: {
    status: string;
    output?: unknown;
    error?: string;
    cause?: unknown;
    /** [id, previousEventId, type]; a null id or type stands for what the recording left out (see README). */
    events: [id: number | null, previousEventId: number | null, type: string | null][];
  };
}

const dir = join(import.meta.dirname, 'aws-recorded');
const groups = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordedCase[]] as const,
  );

/**
 * Stand-ins for localstack's test Lambda handlers. Their error causes are a Python runtime's (a stack trace,
 * a request id), and service results carry the response's metadata (placeholders in the recording), so a
 * case whose recording shows those compares its history, status and error, not its output or cause.
 */
const handlers: Record<string, (event: unknown) => Promise<unknown>> = {
  'id_function.py': async (event) => event,
  'raise_exception.py': async () => {
    throw Object.assign(new Error('Some exception was raised.'), { name: 'Exception' });
  },
  'raise_custom_exception.py': async () => {
    throw Object.assign(new Error('CustomException message'), { name: 'CustomException' });
  },
  'return_bytes_str.py': async () => 'HelloWorld!',
  'return_decorated_input.py': async (event) => `input-event-${JSON.stringify(event)}`,
  'echo_function.py': async () => ({ Return: 'HelloWorld' }),
  // 257 KB of text, over the 256 KB a state's result may be.
  'large_output_string.py': async () => 'a'.repeat(257 * 1024),
};

let f: EngineFixture;
beforeAll(async () => {
  f = await engineFixture();
});
afterAll(() => f.close());

/** The recordings' placeholders for account-specific values (localstack's snapshot transformers). */
function normalise(text: string, names: { sm: string; exec: string; own?: Record<string, string> }): string {
  for (const [name, placeholder] of Object.entries(names.own ?? {}))
    text = text.replaceAll(name, placeholder);
  return (
    text
      .replaceAll(
        `arn:aws:states:eu-west-2:123456789012:execution:${names.sm}:${names.exec}`,
        'arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>',
      )
      .replaceAll(
        `arn:aws:states:eu-west-2:123456789012:stateMachine:${names.sm}`,
        'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>',
      )
      .replaceAll('arn:aws:iam::123456789012:role/local', 'snf_role_arn')
      .replaceAll('arn:aws:lambda:eu-west-2:123456789012:', 'arn:<partition>:lambda:<region>:111111111111:')
      .replaceAll('arn:aws:lambda:us-east-1:111111111111:', 'arn:<partition>:lambda:<region>:111111111111:')
      .replace(/Request ID: [0-9a-f-]{36}/g, 'Request ID: <request_id>')
      // A state machine the execution starts: the recordings give it the same placeholder.
      .replaceAll(
        `arn:aws:states:eu-west-2:123456789012:stateMachine:${names.exec}started`,
        'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>',
      )
      .replaceAll(
        `arn:aws:states:eu-west-2:123456789012:execution:${names.exec}started:`,
        'arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:',
      )
      .replaceAll(names.exec, '<ExecArnPart_0idx>')
      .replaceAll(names.sm, '<ArnPart_0idx>')
  );
}

/**
 * Some recordings replace the JSON text a cause quotes ("could not be found in the input '{…}'") with
 * `<json-input:1>`; the engine's text is put through the same placeholder where the recording has it.
 */
function jsonInputPlaceholder(cause: string, recorded: unknown): string {
  if (typeof recorded !== 'string' || !recorded.includes("the input '<json-input:1>'")) return cause;
  return cause.replace(/the input '([{[].*[}\]])'$/, "the input '<json-input:1>'");
}

/** The recordings write `date` for the times of the run; dates in causes stay as they are on both sides. */
function withoutDates(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v).replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"/g, '"date"'));
}

/** The input with the recording's placeholder for a state machine the test created put back as its ARN. */
function withStartedMachine(input: unknown, arn: string): unknown {
  return JSON.parse(
    JSON.stringify(input)
      .replaceAll('"state-machine-arn"', JSON.stringify(arn))
      .replaceAll('arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>', arn),
  );
}

/** Fields a recording replaced by a placeholder (a started execution's "execution-arn", "start-date"...). */
const FIELD_PLACEHOLDERS = ['execution-arn', 'state-machine-arn', 'start-date', 'stop-date'];
function withPlaceholders(actual: unknown, recorded: unknown): unknown {
  const r = value(recorded);
  const plain = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!plain(actual) || !plain(r)) return actual;
  const out: Record<string, unknown> = { ...(actual as Record<string, unknown>) };
  for (const [k, v] of Object.entries(r as object)) if (FIELD_PLACEHOLDERS.includes(v as string)) out[k] = v;
  return out;
}

/** Recordings number the UUIDs they meet (`<uuid:1>`, ...); the engine's are numbered the same way. */
function uuidPlaceholders(text: string): string {
  const seen = new Map<string, number>();
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => {
    if (!seen.has(u)) seen.set(u, seen.size + 1);
    return `<uuid:${seen.get(u)}>`;
  });
}

/** Recordings keep JSON text that parses to an object as the object; compare values, not spellings. */
function value(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

type Row = [number | null, number | null, string | null];

/**
 * The history as the recording can vouch for it: events the recording left out (a gap in its ids) count
 * only as being there, and a run of concurrent branch events whose ids it blanked compares as the set of
 * their types.
 */
function comparable(actual: Row[], recorded: Row[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < recorded.length; i++) {
    const r = recorded[i];
    if (r[0] !== null && r[2] === null) {
      out.push([actual[i]?.[0], 'left out of the recording']);
      continue;
    }
    if (r[0] !== null) {
      out.push(actual[i] ?? null);
      continue;
    }
    let end = i;
    while (end < recorded.length && recorded[end][0] === null) end++;
    out.push({
      concurrent: actual
        .slice(i, end)
        .map((a) => a?.[2] ?? null)
        .sort(),
    });
    i = end - 1;
  }
  if (actual.length > recorded.length) out.push({ extra: actual.slice(recorded.length) });
  return out;
}

let serial = 0;
for (const [group, cases] of groups) {
  describe(group, () => {
    // Some tests were recorded twice (two classes): number the repeats so each runs.
    const seen = new Map<string, number>();
    const named = cases.map((c) => {
      const n = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, n);
      return [n === 1 ? c.name : `${c.name} #${n}`, c] as const;
    });
    test.each(named)('%s', async (_name, c) => {
      // Prepare: the recorded definition under a fresh machine and execution name
      // `own`: values of this run the recording wrote as placeholders (function names, a timestamp).
      const names = { sm: `recorded${++serial}sm`, exec: `recorded${serial}exec`, own: { ...c.names } };
      for (const [name, file] of Object.entries(c.lambdas ?? {}))
        f.engine.registerLambda(name, handlers[file]);
      const arn = await f.machine(c.definition, { name: names.sm });
      let input = c.started
        ? withStartedMachine(c.input, await f.machine(c.started, { name: `${names.exec}started` }))
        : c.input;
      if (c.timestamp) {
        const at = new Date(f.engine.clock.now().getTime() + c.timestamp.days * 86_400_000);
        const stamp = at.toISOString().slice(0, 19) + c.timestamp.suffix;
        input = JSON.parse(JSON.stringify(input).replaceAll('<timestamp>', stamp));
        names.own[stamp] = '<timestamp>';
      }
      // Act: run it, moving the virtual clock on while it waits (a day at a time, as far as a week)
      const executionArn = await f.start(arn, input, names.exec);
      let d = await f.describe(executionArn);
      for (let day = 0; d.status === 'RUNNING' && day < 7; day++) {
        await f.engine.clock.advance(86_400);
        d = await f.describe(executionArn);
      }
      const events = await f.history(executionArn);
      // Assess
      const e = c.expected;
      expect(
        comparable(
          events.map((ev) => [ev.id!, ev.previousEventId!, ev.type!]),
          e.events,
        ),
      ).toEqual(comparable(e.events, e.events));
      expect(d.status).toBe(e.status);
      if (/stackTrace|errorType|ExecutedVersion|input-event-|SdkHttpMetadata/.test(JSON.stringify(e))) {
        expect(d.error ?? '').toBe(e.error ?? '');
        return;
      }
      if (e.status === 'SUCCEEDED' && e.output !== undefined)
        expect(
          withPlaceholders(withoutDates(value(uuidPlaceholders(normalise(d.output!, names)))), e.output),
        ).toEqual(withoutDates(value(e.output)));
      if (e.status === 'FAILED') {
        expect(d.error ?? '').toBe(e.error ?? '');
        expect(
          withPlaceholders(value(jsonInputPlaceholder(normalise(d.cause ?? '', names), e.cause)), e.cause),
        ).toEqual(value(e.cause ?? ''));
      }
    });
  });
}
