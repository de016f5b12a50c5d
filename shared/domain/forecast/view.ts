import * as z from 'zod';

// What the forecast answers (the API's JSON, the page's data): figures only, never a case, a family
// or a worker. The OpenAPI document is generated from these schemas.

const band = z
  .strictObject({ p10: z.number(), median: z.number(), p90: z.number() })
  .describe('the median of the runs and the 10% and 90% points of their spread');

const forecastWeekSchema = z.strictObject({
  week: z.number().int(),
  weekEnding: z.string(),
  waitingList: band,
  longestWaitDays: band,
  allocations: band,
  assessmentsOnTimePercent: band.nullable(),
  reviewsAt12WeeksPercent: band.nullable(),
  caseloadPercent: band.nullable(),
});

const forecastTotalsSchema = z.strictObject({
  referrals: band,
  allocations: band,
  assessments: band,
  assessmentsOnTimePercent: band.nullable(),
  reviews: band,
  reviewsAt12WeeksPercent: band.nullable(),
  waitingListAtEnd: band,
  waitingListPeak: band,
  longestWaitDaysAtEnd: band,
  caseloadPercentAtEnd: band.nullable(),
});

const projectionViewSchema = z.strictObject({
  weeks: z.array(forecastWeekSchema),
  totals: forecastTotalsSchema,
});

export const forecastViewSchema = z.strictObject({
  scope: z.string().describe('a locality id, or partnership'),
  scopeName: z.string(),
  from: z.string().describe('the first day projected (today, Europe/London)'),
  weeks: z.union([z.literal(13), z.literal(26)]),
  runs: z.number().int().describe('seeded runs of the model behind each band'),
  seed: z.number().int(),
  position: z
    .strictObject({
      openCases: z.number().int(),
      waitingList: z.number().int(),
      longestWaitDays: z.number().int(),
      workers: z.number().int(),
      capacityUnits: z.number().int(),
      loadUnits: z.number().int(),
    })
    .describe('today: the starting point of every run'),
  basis: z
    .strictObject({
      quarters: z.array(z.string()),
      monthsLearned: z.record(z.string(), z.array(z.number().int())),
      learned: z.record(z.string(), z.number().int()),
      fallbacks: z.array(z.string()),
    })
    .describe('the quarters of counters the rates were learned from, and where the fallback stood in'),
  baseline: projectionViewSchema,
  whatIf: projectionViewSchema
    .extend({ description: z.string() })
    .optional()
    .describe('the same runs with the change asked for'),
});

export type ForecastView = z.infer<typeof forecastViewSchema>;
export type ProjectionView = z.infer<typeof projectionViewSchema>;
