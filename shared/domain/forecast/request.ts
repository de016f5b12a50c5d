import * as z from 'zod';
import { isIsoDate } from '../../core/calendar';
import { LOCALITY_IDS } from '../../core/config';
import { PARTNERSHIP } from '../tasks/types/report-scope';
import type { WhatIf } from './project';

// What a reader asks of the forecast (`GET /v1/forecast`, the `/forecast` page): a scope, 13 or 26
// weeks, and optionally one what-if to set beside the baseline. Query strings, so every value is text;
// a bad one is refused naming its field.

const date = /* @__PURE__ */ (() => z.string().max(10).refine(isIsoDate, 'a calendar date YYYY-MM-DD'))();

/**
 * `charnwood:2:2027-01-04`: a locality, workers added (a number, or +N) or removed (-N), and from when;
 * comma-separated. A `+` left unencoded in a query string arrives as a space, which is taken as `+`.
 */
const WORKER_CHANGE = /^([a-z][a-z0-9-]{1,39}):[ ]?([+-]?\d{1,2}):(\d{4}-\d{2}-\d{2})$/;

const workerChanges = /* @__PURE__ */ (() =>
  z
    .string()
    .max(400)
    .transform((text, context) => {
      const changes: NonNullable<WhatIf['workers']> = [];
      for (const part of text.split(',').filter((piece) => piece.trim() !== '')) {
        const match = WORKER_CHANGE.exec(part.trim());
        if (!match || !LOCALITY_IDS.includes(match[1]!) || !isIsoDate(match[3]!) || Number(match[2]) === 0) {
          context.addIssue({
            code: 'custom',
            message:
              'locality:change:date, e.g. charnwood:+2:2027-01-04 (a known locality, a change of -99 to +99 workers, not 0)',
          });
          return z.NEVER;
        }
        changes.push({ locality: match[1]!, change: Number(match[2]), from: match[3]! });
      }
      if (changes.length > 7) {
        context.addIssue({ code: 'custom', message: 'at most 7 changes' });
        return z.NEVER;
      }
      return changes;
    }))();

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `a whole number from ${min} to ${max}`);

export const FORECAST_SCOPES = [...LOCALITY_IDS, PARTNERSHIP] as const;

export const forecastQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    locality: z.enum(FORECAST_SCOPES).optional(),
    weeks: z
      .enum(['13', '26'])
      .transform((weeks) => (weeks === '26' ? 26 : 13) as 13 | 26)
      .optional(),
    workers: workerChanges.optional(),
    referralRate: wholeNumber(10, 300).optional(),
    referralRateFrom: date.optional(),
    assessmentDays: wholeNumber(5, 120).optional(),
    reviewWeeks: wholeNumber(4, 26).optional(),
  }))();

export type ForecastQuery = z.output<typeof forecastQuerySchema>;

/** The what-if a query asks for, or undefined when it asks for the baseline alone. */
export function whatIfOf(query: ForecastQuery): WhatIf | undefined {
  const whatIf: WhatIf = {
    ...(query.workers && query.workers.length > 0 ? { workers: query.workers } : {}),
    ...(query.referralRate !== undefined
      ? {
          referralRate: {
            factor: query.referralRate / 100,
            ...(query.referralRateFrom ? { from: query.referralRateFrom } : {}),
          },
        }
      : {}),
    ...(query.assessmentDays !== undefined || query.reviewWeeks !== undefined
      ? {
          timescales: {
            ...(query.assessmentDays !== undefined ? { assessmentWorkingDays: query.assessmentDays } : {}),
            ...(query.reviewWeeks !== undefined ? { reviewIntervalWeeks: query.reviewWeeks } : {}),
          },
        }
      : {}),
  };
  return Object.keys(whatIf).length > 0 ? whatIf : undefined;
}

/** A sentence saying what a what-if changes, for the page and the audit trail. */
export function describeWhatIf(whatIf: WhatIf): string {
  const parts: string[] = [];
  for (const change of whatIf.workers ?? [])
    parts.push(
      `${change.change > 0 ? `${change.change} more` : `${-change.change} fewer`} worker${Math.abs(change.change) === 1 ? '' : 's'} in ${change.locality} from ${change.from}`,
    );
  if (whatIf.referralRate)
    parts.push(
      `referrals at ${Math.round(whatIf.referralRate.factor * 100)}% of the usual rate${whatIf.referralRate.from ? ` from ${whatIf.referralRate.from}` : ''}`,
    );
  if (whatIf.timescales?.assessmentWorkingDays !== undefined)
    parts.push(`assessments due in ${whatIf.timescales.assessmentWorkingDays} working days`);
  if (whatIf.timescales?.reviewIntervalWeeks !== undefined)
    parts.push(`reviews every ${whatIf.timescales.reviewIntervalWeeks} weeks`);
  return parts.join('; ');
}
