import * as z from 'zod/mini';
import { isIsoDate } from '../calendar/dates';
import { LOCALITY_IDS } from '../config';
import { CASE_REFERENCE_PATTERN } from '../vocabulary/case-reference';
import { COUNTY } from '../vocabulary/areas';

// Building blocks shared by every schema: every string is trimmed and capped, every array bounded.
// The schema files of this folder are written with zod/mini: the same checks as classic zod's methods,
// in the same order, so the same issues; a handler that loads no classic zod carries about 30 KB of zod
// instead of 97 KB. The route table and the OpenAPI document use these very schemas (classic zod wraps
// and composes them).

/**
 * A required single-line string (a name, an address line), trimmed, 1..max characters; no control
 * character at all (NUL, CR, LF, tab...), which would break a log line, an email header or a CSV row.
 */
export const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
    z.regex(/^[^\u0000-\u001F\u007F]*$/, 'no control characters'),
  );

/** Free text (notes, reasons), trimmed and capped; control characters other than newlines and tabs refused. */
export const longText = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
    z.regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'no control characters'),
  );

export const isoDateSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(10),
      z.refine(isIsoDate, { message: 'a calendar date YYYY-MM-DD' }),
      z.describe('A calendar day in Europe/London, YYYY-MM-DD'),
    ))();

/** An instant, ISO 8601 in UTC or with an offset. */
export const instantSchema = /* @__PURE__ */ (() =>
  z.iso.datetime({ offset: true }).check(z.maxLength(40)))();

export const ulidSchema = /* @__PURE__ */ (() => z.ulid())();

/** Ids chosen by people (worker usernames, partner slugs): letters, digits, hyphen, underscore. */
export const slugIdSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, hyphens and underscores'),
    ))();

export const caseReferenceSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(20),
      z.regex(CASE_REFERENCE_PATTERN, 'a case reference like SLF-2027-00042'),
    ))();

export const emailSchema = /* @__PURE__ */ (() =>
  z.pipe(z.string().check(z.trim(), z.maxLength(254)), z.email()))();

export const phoneSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(5),
      z.maxLength(25),
      z.regex(/^\+?[0-9 ()-]+$/, 'digits, spaces, brackets, hyphens and an optional leading +'),
    ))();

/** UK postcode, normalised to upper case with one space before the inward code. */
export const postcodeSchema = /* @__PURE__ */ (() =>
  z.string().check(
    z.trim(),
    z.maxLength(10),
    z.overwrite((value) => {
      const compact = value.replace(/\s+/g, '').toUpperCase();
      return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
    }),
    z.regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/, 'a UK postcode, e.g. LE11 3AB'),
  ))();

export const localityIdSchema = /* @__PURE__ */ (() => z.enum(LOCALITY_IDS))();

export const areaSchema = /* @__PURE__ */ (() =>
  z.enum([...LOCALITY_IDS, COUNTY] as [string, ...string[]]))();

/** A bounded array of distinct values. */
export function distinctArray<T extends z.core.SomeType>(item: T, max: number) {
  return z.array(item).check(
    z.maxLength(max),
    z.refine((values) => new Set(values as unknown[]).size === values.length, { message: 'no duplicates' }),
  );
}
