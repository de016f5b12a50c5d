import type { Execution } from '../execution';
import type { StateDef, StateText, Thread } from '../types';
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

/**
 * The JSON text of a state's input or output as history shows it. A state's output is the next state's
 * input: the exit and the next entry record the same text, so the thread keeps what its exit made
 * (`th[INPUT_TEXT]`, not persisted) and the entry reuses it while `th.input` is still that value (values are
 * never changed in place).
 */
export function stateText(value: unknown, known?: StateText): StateText {
  if (known !== undefined && known.of === value) return known;
  return { of: value, text: json(value) };
}

/** TestState runs one state: the root thread stops after it (branches of a Parallel / Map run fully). */
export function testing(ex: Execution, th: Thread): boolean {
  return ex.test !== undefined && th.parent === undefined;
}

const enteredTypes = new Map<string, string>();
const exitedTypes = new Map<string, string>();

/** `<Type>StateEntered`, made once per state type rather than once per state entered. */
export function enteredType(type: string): string {
  let name = enteredTypes.get(type);
  if (name === undefined) {
    name = `${type}StateEntered`;
    enteredTypes.set(type, name);
  }
  return name;
}

/** `<Type>StateExited`, made once per state type rather than once per state left. */
export function exitedType(type: string): string {
  let name = exitedTypes.get(type);
  if (name === undefined) {
    name = `${type}StateExited`;
    exitedTypes.set(type, name);
  }
  return name;
}
