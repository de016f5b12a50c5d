import type { FamilyStar } from '../../core/schemas/family-star';
import { type FieldSpec, type FormValues, one, wholeNumber } from '../forms';
import { FAMILY_STAR_AREAS } from '../../core/vocabulary/family-star';

// The Family Star Plus fields shared by the assessment, review and closure forms:
// `familyStar.<area>` for each of the ten areas, a whole number from 1 to 10.

export function starFields(prefix = 'familyStar'): Record<string, FieldSpec> {
  return Object.fromEntries(
    FAMILY_STAR_AREAS.map((area) => [
      `${prefix}.${area.id}`,
      { label: `a score from 1 to 10 for ${area.label}`, kind: 'number' as const },
    ]),
  );
}

/** The ten scores as typed; with `optional`, an all-blank star is left out entirely. */
export function starFrom(
  values: FormValues,
  options: { optional?: boolean } = {},
): Record<string, unknown> | undefined {
  const blank = FAMILY_STAR_AREAS.every((area) => !one(values, `familyStar.${area.id}`));
  if (blank && options.optional) return undefined;
  const star: Record<string, unknown> = {};
  for (const area of FAMILY_STAR_AREAS) {
    const score = wholeNumber(values, `familyStar.${area.id}`);
    if (score !== undefined) star[area.id] = score;
  }
  return star;
}

export interface StarRow {
  id: string;
  label: string;
  name: string;
  value: string;
  previous?: number;
}

/** The rows the star macro renders, with an earlier reading beside each score when there is one. */
export function starRows(values: FormValues, previous?: FamilyStar): StarRow[] {
  return FAMILY_STAR_AREAS.map((area) => ({
    id: `familyStar-${area.id}`,
    label: area.label,
    name: `familyStar.${area.id}`,
    value: one(values, `familyStar.${area.id}`),
    ...(previous ? { previous: previous[area.id] } : {}),
  }));
}
