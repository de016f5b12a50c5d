import * as z from 'zod/mini';

// What the forecast answers (the API's JSON, the page's data): figures only, never a case, a family
// or a worker. The OpenAPI document is generated from these schemas.

const band = /* @__PURE__ */ (() =>
  z
    .strictObject({ p10: z.number(), median: z.number(), p90: z.number() })
    .check(z.describe('the median of the runs and the 10% and 90% points of their spread')))();

const forecastWeekSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    week: z.number().check(z.int()),
    weekEnding: z.string(),
    waitingList: band,
    longestWaitDays: band,
    allocations: band,
    assessmentsOnTimePercent: z.nullable(band),
    reviewsAt12WeeksPercent: z.nullable(band),
    caseloadPercent: z.nullable(band),
  }))();

const forecastTotalsSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    referrals: band,
    allocations: band,
    assessments: band,
    assessmentsOnTimePercent: z.nullable(band),
    reviews: band,
    reviewsAt12WeeksPercent: z.nullable(band),
    waitingListAtEnd: band,
    waitingListPeak: band,
    longestWaitDaysAtEnd: band,
    caseloadPercentAtEnd: z.nullable(band),
  }))();

const projectionViewSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    weeks: z.array(forecastWeekSchema),
    totals: forecastTotalsSchema,
  }))();

export const forecastViewSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    scope: z.string().check(z.describe('a locality id, or partnership')),
    scopeName: z.string(),
    from: z.string().check(z.describe('the first day projected (today, Europe/London)')),
    weeks: z.union([z.literal(13), z.literal(26)]),
    runs: z.number().check(z.int(), z.describe('seeded runs of the model behind each band')),
    seed: z.number().check(z.int()),
    position: z
      .strictObject({
        openCases: z.number().check(z.int()),
        waitingList: z.number().check(z.int()),
        longestWaitDays: z.number().check(z.int()),
        workers: z.number().check(z.int()),
        capacityUnits: z.number().check(z.int()),
        loadUnits: z.number().check(z.int()),
      })
      .check(z.describe('today: the starting point of every run')),
    basis: z
      .strictObject({
        quarters: z.array(z.string()),
        monthsLearned: z.record(z.string(), z.array(z.number().check(z.int()))),
        learned: z.record(z.string(), z.number().check(z.int())),
        fallbacks: z.array(z.string()),
      })
      .check(
        z.describe('the quarters of counters the rates were learned from, and where the fallback stood in'),
      ),
    baseline: projectionViewSchema,
    whatIf: z
      .optional(z.extend(projectionViewSchema, { description: z.string() }))
      .check(z.describe('the same runs with the change asked for')),
  }))();

export type ForecastView = z.infer<typeof forecastViewSchema>;
export type ProjectionView = z.infer<typeof projectionViewSchema>;
