import type { Execution } from '../execution';
import type { StateDef, Thread } from '../types';
import { contextObject, queryLanguageOf } from './context';
import { DataFlow } from './dataflow';
import type { InterpreterHost } from './host';

// Helpers every state module uses to read its fields and write its output.

export function flowFor(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  mapItem?: { index: number; value: unknown },
): DataFlow {
  return new DataFlow(
    queryLanguageOf(ex, state),
    state,
    () => contextObject(ex, th, mapItem, state.Type),
    th.vars,
    () => new Date(host.now()),
  );
}

export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

/** TestState runs one state: the root thread stops after it (branches of a Parallel / Map run fully). */
export function testing(ex: Execution, th: Thread): boolean {
  return ex.test !== undefined && th.parent === undefined;
}
