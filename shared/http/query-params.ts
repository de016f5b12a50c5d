import { isIsoDate } from '../core/calendar/dates';
import type { FieldError } from '../core/schemas/validation-error';
import { HttpProblem } from './problem';

// Query-string checks without zod, for read handlers that validate no body: query.ts builds zod
// schemas, and importing it put zod (about 90 KB, and its set-up at import) in their bundles. Each
// check gives the same field errors, rule and message, as the zod schema it stands for
// (tests/unit/http/query-params.test.ts compares the two over generated queries).

type Outcome<T> = { ok: true; value: T } | { ok: false; broken: { rule: string; message: string }[] };

/** One query parameter: how its text is checked and read, and the message when it is missing. */
export interface QueryParam<T, Required extends boolean = boolean> {
  readonly required: Required;
  readonly missing: string;
  check(value: string): Outcome<T>;
}

type ValueOf<P> = P extends QueryParam<infer T> ? T : never;
type QuerySpec = Record<string, QueryParam<unknown>>;
type RequiredKeys<S extends QuerySpec> = {
  [K in keyof S]: S[K]['required'] extends true ? K : never;
}[keyof S];

/** What a query spec reads: required parameters always present, optional ones only when given. */
export type QueryOf<S extends QuerySpec> = { [K in RequiredKeys<S>]: ValueOf<S[K]> } & {
  [K in Exclude<keyof S, RequiredKeys<S>>]?: ValueOf<S[K]>;
};

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = (rule: string, message: string): Outcome<never> => ({ ok: false, broken: [{ rule, message }] });

/** zod's wording for a value outside an enum. */
function optionsMessage(values: readonly string[]): string {
  return values.length === 1
    ? `Invalid input: expected ${JSON.stringify(values[0])}`
    : `Invalid option: expected one of ${values.map((value) => JSON.stringify(value)).join('|')}`;
}

/** One of `values` (as `z.enum(values)`). */
export function oneOf<const T extends string>(values: readonly T[]): QueryParam<T, true> {
  const message = optionsMessage(values);
  return {
    required: true,
    missing: message,
    check: (value) =>
      (values as readonly string[]).includes(value) ? ok(value as T) : fail('enum', message),
  };
}

/** The same check, the parameter left out allowed (as zod's `.optional()`). */
export function optional<T>(param: QueryParam<T>): QueryParam<T, false> {
  return { ...param, required: false };
}

const TOO_LONG = (max: number) => `Too big: expected string to have <=${max} characters`;
const tooLong = (max: number) => fail('max_length', TOO_LONG(max));

/** Text trimmed, then 1 to `max` characters (as `z.string().trim().min(1).max(max)`). */
export function trimmedText(max: number): QueryParam<string, true> {
  const missing = 'Invalid input: expected string, received undefined';
  return {
    required: true,
    missing,
    check: (value) => {
      const trimmed = value.trim();
      if (trimmed.length < 1) return fail('required', 'Too small: expected string to have >=1 characters');
      return trimmed.length > max ? tooLong(max) : ok(trimmed);
    },
  };
}

/** A calendar day YYYY-MM-DD, trimmed (as common.ts `isoDateSchema`). */
export const isoDateParam: QueryParam<string, true> = {
  required: true,
  missing: 'Invalid input: expected string, received undefined',
  check: (value) => {
    const trimmed = value.trim();
    // zod runs the date check after a failed length check too: a long non-date breaks both rules.
    const broken = [
      ...(trimmed.length > 10 ? [{ rule: 'max_length', message: TOO_LONG(10) }] : []),
      ...(isIsoDate(trimmed) ? [] : [{ rule: 'custom', message: 'a calendar date YYYY-MM-DD' }]),
    ];
    return broken.length === 0 ? ok(trimmed) : { ok: false, broken };
  },
};

/** A page cursor given back unchanged (as query.ts `cursorParam`). */
export const cursorParam: QueryParam<string, false> = {
  required: false,
  missing: '',
  check: (value) => (value.length > 2048 ? tooLong(2048) : ok(value)),
};

const LIMIT_MESSAGE = 'a whole number from 1 to 100';

/** A page size from 1 to 100 (as query.ts `limitParam`). */
export const limitParam: QueryParam<number, false> = {
  required: false,
  missing: '',
  check: (value) => {
    if (!/^\d{1,3}$/.test(value)) return fail('format:regex', LIMIT_MESSAGE);
    const limit = Number(value);
    return limit >= 1 && limit <= 100 ? ok(limit) : fail('custom', LIMIT_MESSAGE);
  },
};

/**
 * Reads the query string by `spec`, or answers 400 naming every parameter that is wrong, missing or
 * unknown, in the order a strict zod object would: the spec's own, then the unknown ones.
 */
export function readQuery<S extends QuerySpec>(spec: S, query: Record<string, string>): QueryOf<S> {
  const read: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, param] of Object.entries(spec)) {
    const value = Object.hasOwn(query, name) ? query[name] : undefined;
    if (value === undefined) {
      if (param.required) errors.push({ path: name, rule: 'required', message: param.missing });
      continue;
    }
    const outcome = param.check(value);
    if (outcome.ok) read[name] = outcome.value;
    else errors.push(...outcome.broken.map((broken) => ({ path: name, ...broken })));
  }
  for (const name of Object.keys(query)) {
    if (!Object.hasOwn(spec, name)) {
      errors.push({ path: name, rule: 'unknown_field', message: `unknown field ${name}` });
    }
  }
  if (errors.length > 0) throw new HttpProblem(400, 'A query parameter is not valid', { errors });
  return read as QueryOf<S>;
}
