import type { FieldError } from '../core/schemas/validation-error';

// Form posts as the pages receive them, and validation errors as GOV.UK pages show them: an error
// summary linking to each field, and the same message beside the field. The errors themselves come
// from the API's zod schemas (toFieldErrors); only their wording is the page's.

export type FormValues = Record<string, string | string[]>;

export const MAX_FORM_BYTES = 256 * 1024;

export class FormBodyError extends Error {
  constructor(
    readonly status: 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'FormBodyError';
  }
}

/** An `application/x-www-form-urlencoded` body; repeated names (checkboxes) become arrays. */
export function parseFormBody(body: Buffer, contentType: string | undefined): FormValues {
  if (body.length > MAX_FORM_BYTES) throw new FormBodyError(413, 'The form is too large to send');
  if (body.length === 0) return {};
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '')) {
    throw new FormBodyError(415, 'Send the form as application/x-www-form-urlencoded');
  }
  const values: FormValues = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const existing = values[name];
    if (existing === undefined) values[name] = value;
    else values[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

/** A single value, trimmed; '' when absent. */
export function one(values: FormValues, name: string): string {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** A single value, or undefined when absent or blank (so a schema reports it as required). */
export function optional(values: FormValues, name: string): string | undefined {
  return one(values, name) || undefined;
}

/** Every value of a repeated field (checkboxes), blanks dropped. */
export function many(values: FormValues, name: string): string[] {
  const value = values[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((entry) => entry.trim()).filter(Boolean);
}

/** A whole number when the text is one, else the text itself (the schema then says what is wrong). */
export function wholeNumber(values: FormValues, name: string): number | string | undefined {
  const text = one(values, name);
  if (!text) return undefined;
  return /^-?\d{1,6}$/.test(text) ? Number(text) : text;
}

/** Lines of a textarea, one entry each, blanks dropped. */
export function lines(values: FormValues, name: string): string[] {
  return one(values, name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * A GOV.UK date input (`<name>-day`, `-month`, `-year`) as `YYYY-MM-DD`; undefined when all three
 * are blank; otherwise the parts as typed, so the schema refuses an impossible date.
 */
export function dateFrom(values: FormValues, name: string): string | undefined {
  const day = one(values, `${name}-day`);
  const month = one(values, `${name}-month`);
  const year = one(values, `${name}-year`);
  if (!day && !month && !year) return undefined;
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) {
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return `${year}-${month}-${day}`;
}

/** The date input's three parts for a stored `YYYY-MM-DD`, to fill a form from a record. */
export function dateParts(name: string, iso: string | undefined): FormValues {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return {};
  return {
    [`${name}-day`]: String(Number(match[3])),
    [`${name}-month`]: String(Number(match[2])),
    [`${name}-year`]: match[1]!,
  };
}

export type FieldKind = 'text' | 'choice' | 'choices' | 'date' | 'number';

export interface FieldSpec {
  /** As it reads in a sentence: "a reason", "the date consent was given". `{n}` is the item's number. */
  label: string;
  kind: FieldKind;
  /** The element an error links to, when not the field's own id (a date's day, a checkbox list's first box). */
  href?: string;
}

export interface PageErrors {
  /** For govukErrorSummary's errorList. */
  summary: { text: string; href: string }[];
  /** Field id -> message, for each component's errorMessage. */
  byField: Record<string, string>;
}

/** The id a field's element carries: dots become hyphens (`plan.goals.0.need` -> `plan-goals-0-need`). */
export function fieldId(path: string): string {
  return path.replaceAll('.', '-');
}

function specFor(path: string, specs: Record<string, FieldSpec>): { spec?: FieldSpec; index?: number } {
  if (specs[path]) return { spec: specs[path] };
  const numbers = [...path.matchAll(/\.(\d+)(?=\.|$)/g)].map((match) => Number(match[1]));
  const pattern = path.replace(/\.\d+(?=\.|$)/g, '.*');
  return { spec: specs[pattern], index: numbers[0] };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** GOV.UK style wording for one schema error. */
export function messageFor(error: FieldError, spec: FieldSpec | undefined, index?: number): string {
  const label = (spec?.label ?? 'this answer').replace('{n}', String((index ?? 0) + 1));
  const limit = /(\d+)/.exec(error.message)?.[1];
  switch (error.rule) {
    case 'required':
    case 'min_items':
      return spec?.kind === 'choice' || spec?.kind === 'choices' ? `Select ${label}` : `Enter ${label}`;
    case 'max_length':
      return `${capitalise(label)} must be ${limit ?? 'fewer'} characters or fewer`;
    case 'max_items':
      return `Select no more than ${limit ?? 'the allowed number of'} for ${label}`;
    case 'enum':
    case 'union':
      return `Select ${label}`;
    case 'integer':
    case 'type':
    case 'min':
    case 'max':
      return spec?.kind === 'number'
        ? `Enter ${label} as a whole number${error.rule === 'min' || error.rule === 'max' ? ' in range' : ''}`
        : spec?.kind === 'date'
          ? `Enter ${label} as a real date`
          : `Check ${label}`;
    case 'custom':
      return spec?.kind === 'date' ? `Enter ${label} as a real date` : capitalise(error.message);
    default:
      if (error.rule.startsWith('format:')) return `Enter ${label} in the correct format`;
      return capitalise(error.message);
  }
}

/**
 * Turns schema errors into the page's error summary and inline messages, in the order the fields
 * appear (`order`), one message per field.
 */
export function pageErrors(
  errors: readonly FieldError[],
  specs: Record<string, FieldSpec>,
  order: readonly string[] = Object.keys(specs),
  overrides: (error: FieldError) => string | undefined = () => undefined,
): PageErrors {
  const rank = (path: string) => {
    const pattern = path.replace(/\.\d+(?=\.|$)/g, '.*');
    const position = order.indexOf(path) >= 0 ? order.indexOf(path) : order.indexOf(pattern);
    return position >= 0 ? position : order.length;
  };
  const sorted = [...errors].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  const result: PageErrors = { summary: [], byField: {} };
  for (const error of sorted) {
    const id = fieldId(error.path || 'form');
    if (result.byField[id]) continue;
    const { spec, index } = specFor(error.path, specs);
    const text = overrides(error) ?? messageFor(error, spec, index);
    result.byField[id] = text;
    const href = spec?.href ? spec.href.replace('{n}', String(index ?? 0)) : id;
    result.summary.push({ text, href: `#${href}` });
  }
  return result;
}
