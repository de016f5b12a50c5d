import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError } from '../errors';
import { isPlainObject } from './json-path';
import { jsonTypeName } from './json-values';
import { seededRandom } from './random';

// JSONata in Step Functions: https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// and the functions Step Functions adds: https://docs.aws.amazon.com/step-functions/latest/dg/jsonata-functions.html

/** What `$states` holds for one evaluation. */
export interface JsonataStates {
  input: unknown;
  result?: unknown;
  errorOutput?: unknown;
  context: unknown;
}

export interface JsonataOptions {
  /** The field being evaluated, as AWS names it in error causes, e.g. `Output/result` or `Arguments`. */
  field?: string;
  /** The engine's clock, so `$now()` and `$millis()` follow a virtual clock. */
  now?: () => Date;
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Thrown by our own functions; becomes the `T...`-less part of the QueryEvaluationError cause. */
class FunctionArgumentError extends Error {}

/** A JSONata sequence (an array the evaluator unwraps when it holds one value), like `$range` returns. */
function sequence(values: unknown[]): unknown[] {
  const out = [...values] as unknown[] & { sequence?: boolean };
  Object.defineProperty(out, 'sequence', { value: true, enumerable: false });
  return out;
}

function partition(array: unknown, size: unknown): unknown[][] {
  if (!Array.isArray(array))
    throw new FunctionArgumentError('$partition: the first argument must be an array');
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
    throw new FunctionArgumentError('$partition: the chunk size must be a positive integer');
  }
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

function range(start: unknown, end: unknown, step: unknown): unknown[] {
  for (const [name, value] of [
    ['start', start],
    ['end', end],
    ['step', step],
  ] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new FunctionArgumentError(`$range: the ${name} must be an integer`);
    }
  }
  const [from, to, by] = [start as number, end as number, step as number];
  if (by === 0) throw new FunctionArgumentError('$range: the step must not be 0');
  if (Math.floor((to - from) / by) + 1 > 1000) throw new FunctionArgumentError('$range: at most 1000 items');
  const out: number[] = [];
  for (let value = from; by > 0 ? value <= to : value >= to; value += by) out.push(value);
  return sequence(out);
}

function hash(data: unknown, algorithm: unknown): string {
  if (typeof data !== 'string') throw new FunctionArgumentError('$hash: the data must be a string');
  const nodeAlgorithm = typeof algorithm === 'string' ? HASH_ALGORITHMS[algorithm] : undefined;
  if (!nodeAlgorithm) {
    throw new FunctionArgumentError(
      `$hash: the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`,
    );
  }
  return createHash(nodeAlgorithm).update(data, 'utf8').digest('hex');
}

function random(seed?: unknown): number {
  if (seed === undefined) return Math.random();
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new FunctionArgumentError('$random: the seed must be an integer');
  }
  return seededRandom(seed)();
}

function parse(text: unknown): unknown {
  if (typeof text !== 'string') throw new FunctionArgumentError('$parse: the argument must be a string');
  try {
    const value = JSON.parse(text);
    return Object.is(value, -0) ? 0 : value;
  } catch {
    throw new FunctionArgumentError('$parse: the argument is not valid JSON');
  }
}

const compiled = new Map<string, jsonata.Expression>();

function compile(expression: string): jsonata.Expression {
  let expr = compiled.get(expression);
  if (!expr) {
    expr = jsonata(expression);
    expr.registerFunction('partition', partition, '<an:a>');
    expr.registerFunction('range', range, '<nnn:a>');
    expr.registerFunction('hash', hash, '<ss:s>');
    expr.registerFunction('random', random, '<n?:n>');
    expr.registerFunction('uuid', () => randomUUID(), '<:s>');
    expr.registerFunction('parse', parse, '<s:x>');
    if (compiled.size > 5000) compiled.clear();
    compiled.set(expression, expr);
  }
  return expr;
}

function describe(expression: string, field: string | undefined): string {
  return `The JSONata expression '${expression}'${field ? ` specified for the field '${field}'` : ''}`;
}

function failure(expression: string, field: string | undefined, detail: string): StatesError {
  return new StatesError('States.QueryEvaluationError', `${describe(expression, field)} ${detail}`, field);
}

/** Turns a JSONata result into plain JSON (sequences become arrays); functions are not JSON. */
function toJson(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value === 'function') return { ok: false };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const converted = toJson(item);
      if (!converted.ok) return converted;
      out.push(converted.value === undefined ? null : converted.value);
    }
    return { ok: true, value: out };
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toJson(item);
      if (!converted.ok) return converted;
      if (converted.value !== undefined) out[key] = converted.value;
    }
    return { ok: true, value: out };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { ok: false };
  return { ok: true, value };
}

function jsonataErrorText(error: unknown): string {
  if (error instanceof FunctionArgumentError) return error.message;
  const e = error as { code?: string; message?: string };
  return e.code ? `${e.code}: ${e.message}` : String(e.message ?? error);
}

/**
 * Evaluates one JSONata expression (the text between `{%` and `%}`) with `$states` and the variables
 * in scope bound. Errors, an undefined result and a non-JSON result are States.QueryEvaluationError.
 */
export async function evaluateJsonata(
  expression: string,
  states: JsonataStates,
  vars: Record<string, unknown> = {},
  options: JsonataOptions = {},
): Promise<unknown> {
  let expr: jsonata.Expression;
  try {
    expr = compile(expression);
  } catch (error) {
    throw failure(expression, options.field, `could not be compiled. ${jsonataErrorText(error)}`);
  }
  // Step Functions leaves out $eval ($parse replaces it); a non-function makes a call fail with T1006 like an unknown one.
  const bindings: Record<string, unknown> = { eval: false, ...vars, states: statesBinding(states) };
  if (options.now) {
    const now = options.now();
    bindings.now = () => now.toISOString();
    bindings.millis = () => now.getTime();
  }
  let result: unknown;
  try {
    result = await expr.evaluate(undefined, bindings);
  } catch (error) {
    throw failure(expression, options.field, `threw an error during evaluation. ${jsonataErrorText(error)}`);
  }
  if (result === undefined) throw failure(expression, options.field, 'returned nothing (undefined).');
  const json = toJson(result);
  if (!json.ok) throw failure(expression, options.field, 'returned an unsupported result type.');
  return json.value;
}

function statesBinding(states: JsonataStates): Record<string, unknown> {
  const out: Record<string, unknown> = { input: states.input, context: states.context };
  if (Object.hasOwn(states, 'result')) out.result = states.result;
  if (Object.hasOwn(states, 'errorOutput')) out.errorOutput = states.errorOutput;
  return out;
}

/** The expression inside a string that is exactly `{% ... %}`, or undefined for any other value. */
export function jsonataExpressionOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('{%') || !value.endsWith('%}') || value.length < 4) {
    return undefined;
  }
  return value.slice(2, -2).trim();
}

/**
 * Arguments / Output / Assign / Items...: walks a JSON template; each string that is exactly
 * `{% expr %}` is replaced by its value, everything else is kept. `field` names the top-level field
 * (e.g. `Output`) so errors say `Output/result` as AWS does.
 */
export async function resolveJsonataTemplate(
  template: unknown,
  states: JsonataStates,
  vars: Record<string, unknown> = {},
  options: JsonataOptions = {},
): Promise<unknown> {
  const expression = jsonataExpressionOf(template);
  if (expression !== undefined) return evaluateJsonata(expression, states, vars, options);
  const child = (key: string | number): JsonataOptions => ({
    ...options,
    field: options.field === undefined ? String(key) : `${options.field}/${key}`,
  });
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (let i = 0; i < template.length; i += 1) {
      out.push(await resolveJsonataTemplate(template[i], states, vars, child(i)));
    }
    return out;
  }
  if (isPlainObject(template)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      out[key] = await resolveJsonataTemplate(value, states, vars, child(key));
    }
    return out;
  }
  return template;
}

/** A Choice rule's `Condition`: must give a boolean. */
export async function evaluateJsonataCondition(
  condition: string | boolean,
  states: JsonataStates,
  vars: Record<string, unknown> = {},
  options: JsonataOptions = {},
): Promise<boolean> {
  const field = options.field ?? 'Condition';
  if (typeof condition === 'boolean') return condition;
  const expression = jsonataExpressionOf(condition);
  if (expression === undefined) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `The field '${field}' must be a JSONata expression written as {% ... %}, got '${condition}'`,
      field,
    );
  }
  const value = await evaluateJsonata(expression, states, vars, { ...options, field });
  if (typeof value !== 'boolean') {
    throw failure(
      expression,
      field,
      `returned an unexpected result type. Expected 'boolean', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
    );
  }
  return value;
}
