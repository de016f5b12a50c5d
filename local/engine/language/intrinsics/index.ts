import { StatesError } from '../../errors';
import { readPath } from '../json-path';
import { fieldPathError } from '../path-errors';
import { format, INTRINSICS, intrinsicFailure } from './functions';
import {
  type IntrinsicArgument,
  type IntrinsicCall,
  IntrinsicSyntaxError,
  isIntrinsicExpression,
  parseIntrinsic,
} from './parser';

export { isIntrinsicExpression, parseIntrinsic, IntrinsicSyntaxError } from './parser';
export type { IntrinsicArgument } from './parser';
export { INTRINSICS } from './functions';

const MAX_NESTING = 10;

/** Parsed calls, by expression text: definitions repeat the same few expressions many times. */
const parsed = new Map<string, IntrinsicCall>();

function parseCached(expression: string): IntrinsicCall {
  let call = parsed.get(expression);
  if (!call) {
    try {
      call = parseIntrinsic(expression);
    } catch (error) {
      if (error instanceof IntrinsicSyntaxError)
        throw new StatesError('States.IntrinsicFailure', error.message);
      throw error;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(expression, call);
  }
  return call;
}

/** Evaluates an intrinsic function call such as `States.Format('{} {}', $.a, $$.Execution.Id)`. */
export function evaluateIntrinsic(
  expression: string,
  input: unknown,
  ctx: unknown,
  vars?: Record<string, unknown>,
  field?: string,
): unknown {
  if (!isIntrinsicExpression(expression)) {
    throw new StatesError('States.IntrinsicFailure', `'${expression}' is not an intrinsic function call`);
  }
  return evaluateCall(parseCached(expression), field ?? expression, input, ctx, vars, 1);
}

function evaluateCall(
  call: IntrinsicCall,
  expression: string,
  input: unknown,
  ctx: unknown,
  vars: Record<string, unknown> | undefined,
  depth: number,
): unknown {
  if (depth > MAX_NESTING) {
    throw new StatesError(
      'States.IntrinsicFailure',
      `Intrinsic functions can be nested at most ${MAX_NESTING} deep`,
    );
  }
  const impl = INTRINSICS[call.name];
  if (!impl && call.name !== 'States.Format') {
    throw new StatesError('States.IntrinsicFailure', `Unknown intrinsic function ${call.name}`);
  }
  const values = call.args.map((arg) => evaluateArgument(arg, expression, input, ctx, vars, depth));
  if (!impl) {
    // A literal template keeps its escapes (\{ is a literal brace); one read from a path is taken as is.
    const template = call.args[0];
    if (template?.kind === 'string') return format(call.name, template.raw, values.slice(1));
    if (typeof values[0] !== 'string')
      throw intrinsicFailure(call.name, 'the first argument must be a string template');
    return format(call.name, values[0].replaceAll('\\', '\\\\'), values.slice(1));
  }
  return impl(values, call.name);
}

function evaluateArgument(
  arg: IntrinsicArgument,
  expression: string,
  input: unknown,
  ctx: unknown,
  vars: Record<string, unknown> | undefined,
  depth: number,
): unknown {
  switch (arg.kind) {
    case 'string':
    case 'literal':
      return arg.value;
    case 'call':
      return evaluateCall(arg, expression, input, ctx, vars, depth + 1);
    case 'path': {
      const result = readPath(arg.path, input, ctx, vars);
      if (!result.found) throw fieldPathError(arg.path, expression, input);
      return result.value;
    }
  }
}
