import { StatesError } from '../errors';
import { normalizePath, type PathSegment, parseDefinitePath, rootDocument, splitRoot } from './json-path';

/**
 * Jayway's explanation of why a definite path found nothing, as AWS quotes it in a States.Runtime
 * cause: a missing last step is "No results for path: $['a']['b']", a missing step before it is
 * "Missing property in path $['a']".
 */
export function whyNotFound(
  path: string,
  data: unknown,
  ctx?: unknown,
  vars?: Record<string, unknown>,
): string {
  const { root, path: rooted } = splitRoot(path);
  const segments = parseDefinitePath(rooted);
  if (!segments) return `No results for path: ${path}`;
  const document = rootDocument(root, data, ctx, vars);
  if (!document.found && root.kind === 'variable') return `Undefined variable '${root.name}'`;
  let current = document.value;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    const upTo = normalizePath(segments.slice(0, i + 1));
    const isLast = i === segments.length - 1;
    const next = step(current, segment);
    if (next.found) {
      current = next.value;
      continue;
    }
    if (isLast || segment.kind === 'index') return `No results for path: ${normalizePath(segments)}`;
    return `Missing property in path ${upTo}`;
  }
  return `No results for path: ${normalizePath(segments)}`;
}

function step(current: unknown, segment: PathSegment): { found: boolean; value?: unknown } {
  if (segment.kind === 'name') {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return { found: false };
    const record = current as Record<string, unknown>;
    return Object.hasOwn(record, segment.name)
      ? { found: true, value: record[segment.name] }
      : { found: false };
  }
  if (!Array.isArray(current)) return { found: false };
  const index = segment.index < 0 ? current.length + segment.index : segment.index;
  return index >= 0 && index < current.length ? { found: true, value: current[index] } : { found: false };
}

/** InputPath / OutputPath / ItemsPath... found nothing: `Invalid path '$.x' : No results for path: $['x']`. */
export function invalidPathError(
  path: string,
  data: unknown,
  ctx?: unknown,
  vars?: Record<string, unknown>,
): StatesError {
  return new StatesError('States.Runtime', `Invalid path '${path}' : ${whyNotFound(path, data, ctx, vars)}`);
}

/** A `.$` field (or ErrorPath, CausePath...) whose path found nothing. */
export function fieldPathError(path: string, field: string, input: unknown): StatesError {
  return new StatesError(
    'States.Runtime',
    `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`,
  );
}

/**
 * AWS prefixes a state's runtime error cause with where it happened; the interpreter knows the state
 * and event id, so it calls this when it turns a StatesError from this module into a failure.
 */
export function withStateContext(error: StatesError, stateName: string, enteredEventId: number): StatesError {
  return new StatesError(
    error.error,
    `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${error.cause}`,
    error.location,
  );
}
