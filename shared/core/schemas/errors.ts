import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { type FieldError, ValidationError } from './validation-error';

export { type FieldError, ValidationError } from './validation-error';

// The messages of zod's issues are its English locale's: classic zod sets it when it loads, zod/mini
// does not, and a handler that loads only mini schemas must word its field errors as before. Issues are
// read nowhere but here (toFieldErrors), so this module setting it is enough.
z.config(en());

// One shape for every validation failure (validation-error.ts), used by problem+json answers and form
// pages alike.

const ABSENT = /* @__PURE__ */ (() => Symbol('absent'))();

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in (current as object))) return ABSENT;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Whether the field the issue names was left out (absent or undefined) of the input. */
function missing(issue: z.core.$ZodIssue, input: unknown): boolean {
  if (input !== ABSENT) {
    const value = valueAt(input, issue.path);
    return value === ABSENT || value === undefined;
  }
  return 'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
}

function ruleOf(issue: z.core.$ZodIssue, input: unknown): string {
  if (
    (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
    issue.path.length > 0 &&
    missing(issue, input)
  ) {
    return 'required';
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'integer' : 'type';
    case 'too_big':
      return issue.origin === 'string'
        ? 'max_length'
        : issue.origin === 'array' || issue.origin === 'set'
          ? 'max_items'
          : 'max';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'required' : 'min_length';
      return issue.origin === 'array' || issue.origin === 'set' ? 'min_items' : 'min';
    case 'invalid_format':
      return `format:${issue.format}`;
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'invalid_value':
      return 'enum';
    case 'invalid_union':
      return 'union';
    case 'not_multiple_of':
      return 'multiple_of';
    case 'custom': {
      const rule = (issue.params as { rule?: unknown } | undefined)?.rule;
      return typeof rule === 'string' ? rule : 'custom';
    }
    default:
      return issue.code;
  }
}

function join(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Flattens a zod error into one entry per broken rule; an unknown field gets its own path. Pass the
 * input that was parsed so a missing field is told apart from a wrong one (`required` vs `type`/`enum`).
 */
export function toFieldErrors(error: z.core.$ZodError, input: unknown = ABSENT): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({
          path: join([...issue.path, key]),
          rule: 'unknown_field',
          message: `unknown field ${key}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // A discriminated union whose discriminator matched reports the inner issues: keep them.
      const nested = issue.errors.flat();
      if (nested.length > 0 && issue.errors.length === 1) {
        for (const inner of nested) {
          errors.push({
            path: join([...issue.path, ...inner.path]),
            rule: ruleOf(inner, input === ABSENT ? ABSENT : valueAt(input, issue.path)),
            message: inner.message,
          });
        }
        continue;
      }
    }
    errors.push({ path: join(issue.path), rule: ruleOf(issue, input), message: issue.message });
  }
  return errors;
}

/** Parses or throws a ValidationError carrying the field errors. */
export function parseOrThrow<T extends z.core.$ZodType>(schema: T, input: unknown): z.output<T> {
  const result = z.safeParse(schema, input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error, input));
  return result.data;
}
