import { StatesError } from '../errors';
import { evaluateIntrinsic, isIntrinsicExpression } from './intrinsics';
import { isPlainObject, normalizePath, parseDefinitePath, readPath, splitRoot } from './json-path';
import type { PathSegment } from './json-path-syntax';
import { fieldPathError, invalidPathError } from './path-errors';

// JSONPath data flow: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html

type Vars = Record<string, unknown> | undefined;

function selectPath(path: string | null | undefined, input: unknown, ctx: unknown, vars: Vars): unknown {
  if (path === undefined) return input;
  if (path === null) return {};
  const result = readPath(path, input, ctx, vars);
  if (!result.found) throw invalidPathError(path, input, ctx, vars);
  return result.value;
}

/** InputPath: absent keeps the whole input, `null` gives `{}`, a path that finds nothing is States.Runtime. */
export function applyInputPath(
  inputPath: string | null | undefined,
  input: unknown,
  ctx: unknown,
  vars?: Vars,
) {
  return selectPath(inputPath, input, ctx, vars);
}

/** OutputPath: the same rules as InputPath, applied to the state's output. */
export function applyOutputPath(
  outputPath: string | null | undefined,
  output: unknown,
  ctx: unknown,
  vars?: Vars,
) {
  return selectPath(outputPath, output, ctx, vars);
}

/**
 * Evaluates one `.$` value: an intrinsic function call, or a path into the input, `$$` or a variable.
 * `field` is the key as written (e.g. `name.$`), for the error cause.
 */
export function evaluateDynamicValue(
  expression: string,
  field: string,
  input: unknown,
  ctx: unknown,
  vars?: Vars,
): unknown {
  if (isIntrinsicExpression(expression)) return evaluateIntrinsic(expression, input, ctx, vars, field);
  const result = readPath(expression, input, ctx, vars);
  if (!result.found) throw fieldPathError(expression, field, input);
  return result.value;
}

/**
 * Parameters / ResultSelector / ItemSelector / Assign (JSONPath): a JSON template in which each key
 * ending in `.$` is replaced by the key without the suffix and the value its path or intrinsic gives.
 * Objects inside arrays are templates too.
 */
export function applyPayloadTemplate(template: unknown, input: unknown, ctx: unknown, vars?: Vars): unknown {
  if (Array.isArray(template)) return template.map((item) => applyPayloadTemplate(item, input, ctx, vars));
  if (!isPlainObject(template)) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      if (typeof value !== 'string') {
        throw new StatesError(
          'States.Runtime',
          `The value of the field '${key}' must be a string path or function`,
        );
      }
      out[key.slice(0, -2)] = evaluateDynamicValue(value, key, input, ctx, vars);
    } else {
      out[key] = applyPayloadTemplate(value, input, ctx, vars);
    }
  }
  return out;
}

function resultPathFailure(resultPath: string, input: unknown, detail: string): StatesError {
  return new StatesError(
    'States.ResultPathMatchFailure',
    `Unable to apply ResultPath '${resultPath}' to input '${JSON.stringify(input)}': ${detail}`,
  );
}

/**
 * ResultPath (a reference path): absent or `$` gives the result, `null` keeps the input, otherwise the
 * result is written into a copy of the input, creating missing objects on the way. Writing through
 * something that is not an object (or a missing array element) is States.ResultPathMatchFailure.
 * Only the objects and arrays on the path are copied: the rest is shared with the input, which nothing
 * writes to (values are never changed in place, only replaced).
 */
export function applyResultPath(
  resultPath: string | null | undefined,
  input: unknown,
  result: unknown,
): unknown {
  if (resultPath === undefined) return result;
  if (resultPath === null) return input;
  const { root, path } = splitRoot(resultPath);
  const segments = root.kind === 'data' ? parseDefinitePath(path) : null;
  if (!segments)
    throw resultPathFailure(resultPath, input, 'ResultPath must be a reference path into the input');
  if (segments.length === 0) return result;
  return placed(input, segments, 0, result, (i, what) =>
    resultPathFailure(resultPath, input, `${normalizePath(segments.slice(0, i))} ${what}`),
  );
}

/** A copy of `current` with `result` written at `segments[i..]` (containers on the way copied). */
function placed(
  current: unknown,
  segments: PathSegment[],
  i: number,
  result: unknown,
  failure: (i: number, what: string) => StatesError,
): unknown {
  const segment = segments[i]!;
  const isLast = i === segments.length - 1;
  if (segment.kind === 'name') {
    if (!isPlainObject(current)) throw failure(i, 'is not a JSON object');
    const copy = { ...current };
    if (isLast) copy[segment.name] = result;
    else {
      const next = Object.hasOwn(current, segment.name) ? current[segment.name] : {};
      copy[segment.name] = placed(next, segments, i + 1, result, failure);
    }
    return copy;
  }
  if (!Array.isArray(current)) throw failure(i, 'is not a JSON array');
  const index = segment.index < 0 ? current.length + segment.index : segment.index;
  if (index < 0 || index >= current.length) throw failure(i, `has no element [${segment.index}]`);
  const copy = [...current];
  copy[index] = isLast ? result : placed(current[index], segments, i + 1, result, failure);
  return copy;
}
