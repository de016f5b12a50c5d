import * as z from 'zod/mini';
import { parseOrThrow } from '../core/schemas/errors';
import { HttpProblem } from './problem';

// Query strings are validated like bodies, but a bad one is the caller's malformed request (400),
// not a body that breaks the schema (422).

export const cursorParam = /* @__PURE__ */ (() => z.optional(z.string().check(z.maxLength(2048))))();
export const limitParam = /* @__PURE__ */ (() =>
  z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d{1,3}$/, 'a whole number from 1 to 100')), z.transform(Number))
      .check(z.refine((value) => value >= 1 && value <= 100, 'a whole number from 1 to 100')),
  ))();

export function parseQuery<T extends z.core.$ZodType>(schema: T, query: Record<string, string>): z.output<T> {
  try {
    return parseOrThrow(schema, query);
  } catch (error) {
    const errors = (error as { errors?: { path: string; rule: string; message: string }[] }).errors;
    throw new HttpProblem(400, 'A query parameter is not valid', { errors });
  }
}
