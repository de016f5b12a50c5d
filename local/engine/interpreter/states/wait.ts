import { StatesError } from '../../errors';
import type { Execution } from '../../execution';
import { parseTimestamp } from '../../language';
import type { StateDef, Thread } from '../../types';
import { guarded } from '../failures';
import { flowFor, json, testing } from '../flow';
import type { InterpreterHost } from '../host';
import { exitState } from '../transitions';

export async function startWait(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const flow = flowFor(host, ex, th, state);
  const input = flow.jsonata ? th.input : flow.effectiveInput(th.input);
  let wakeAt: number;
  const seconds = await flow.field('Seconds', 'SecondsPath', input);
  if (seconds !== undefined) {
    wakeAt = th.enteredMs + waitSeconds(seconds, flow.jsonata ? undefined : state.SecondsPath) * 1000;
  } else {
    const ts = await flow.field('Timestamp', 'TimestampPath', input);
    const ms = typeof ts === 'string' ? parseTimestamp(ts) : undefined;
    if (ms === undefined) throw timestampError(ts, flow.jsonata ? undefined : state.TimestampPath);
    wakeAt = Math.floor(ms);
  }
  if (wakeAt - th.enteredMs > MAX_WAIT_MS)
    throw new StatesError('States.Runtime', 'Wait state delay is too long.');
  if (testing(ex, th)) {
    // TestState evaluates a Wait state without waiting.
    return finishWait(host, ex, th, state);
  }
  th.phase = 'wait';
  th.seq++;
  th.wakeAt = wakeAt;
  host.touch(ex, th);
  host.addTimer(ex, th, wakeAt, 'wake');
}

/** AWS keeps a wait to 2^31 - 1 seconds (recordings: 24,855 days waits, 24,856 days fails). */
const MAX_WAIT_MS = (2 ** 31 - 1) * 1000;

/** How a path's value reads in AWS's Wait causes: `$.path == value` (strings bare). */
function pathValue(path: string, value: unknown): string {
  return `${path} == ${typeof value === 'string' ? value : json(value)}`;
}

/** Whole seconds from Seconds / SecondsPath, or the failure AWS records for anything else. */
function waitSeconds(seconds: unknown, path: string | undefined): number {
  if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0) return seconds;
  if (path !== undefined && typeof seconds === 'number') {
    throw new StatesError(
      'States.Runtime',
      Number.isInteger(seconds)
        ? `The SecondsPath parameter references a negative value: ${pathValue(path, seconds)}`
        : `The SecondsPath parameter cannot be parsed as a long value: ${pathValue(path, seconds)}`,
    );
  }
  throw new StatesError(
    'States.Runtime',
    `The ${path === undefined ? 'Seconds' : 'SecondsPath'} parameter does not reference a valid integer value: ${json(seconds)}`,
  );
}

function timestampError(ts: unknown, path: string | undefined): StatesError {
  if (path === undefined) {
    return new StatesError(
      'States.QueryEvaluationError',
      `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof ts === 'string' ? ts : json(ts)}`,
      'Timestamp',
    );
  }
  return new StatesError(
    'States.Runtime',
    `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${pathValue(path, ts)}`,
  );
}

export async function finishWait(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  th.wakeAt = undefined;
  await guarded(host, ex, th, state, async () => {
    const flow = flowFor(host, ex, th, state);
    const output = await flow.passThrough(th.input);
    const vars = await flow.assign(state.Assign, { input: th.input });
    exitState(host, ex, th, state, output, vars);
  });
}
