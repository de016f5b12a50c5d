import * as z from 'zod';
import { ConfigError } from './index';
import frameworkData from './outcome-framework.json';
import { HEADLINE_IDS, type HeadlineOutcomeId, NEED_IDS, type NeedId } from '../vocabulary/needs';

// The outcome framework file's shape, and the check `npm run config:write` and the tests run on it
// (./outcome-framework.ts reads the checked copy).

const dataCheckId = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'lowercase letters, digits and hyphens');
const months = z.number().int().min(1).max(36);

const headlineSchema = z.strictObject({
  id: z.enum(HEADLINE_IDS),
  positiveOutcome: z.string().trim().min(1).max(400),
  dataChecks: z.array(dataCheckId).min(1).max(10),
  /** Overrides `claimTerms.sustainMonthsAfterClosure` for this headline. */
  sustainMonthsAfterClosure: months.optional(),
});

export const outcomeFrameworkFileSchema = z
  .strictObject({
    version: z
      .string()
      .regex(/^[0-9]{4}-[0-9]{2}\.[0-9]+$/, 'a programme period and a revision, e.g. 2022-25.1'),
    source: z.string().trim().min(1).max(2000),
    claimTerms: z.strictObject({
      minimumNeeds: z.number().int().min(1).max(10),
      sustainMonthsAfterClosure: months,
      /** The share of claimable families internal audit checks before a claim (0-1). */
      auditSampleShare: z.number().min(0).max(1),
      /** At least this many families are audited when any are claimable. */
      auditSampleMinimum: z.number().int().min(0).max(1000),
    }),
    headlines: z.array(headlineSchema).max(HEADLINE_IDS.length),
    needs: z.record(z.string(), z.string()),
  })
  .superRefine((file, context) => {
    const headlines = new Set<string>();
    file.headlines.forEach((headline, index) => {
      if (headlines.has(headline.id)) {
        context.addIssue({
          code: 'custom',
          message: `duplicate headline ${headline.id}`,
          path: ['headlines', index, 'id'],
        });
      }
      headlines.add(headline.id);
    });
    for (const id of HEADLINE_IDS) {
      if (!headlines.has(id)) {
        context.addIssue({ code: 'custom', message: `headline ${id} is missing`, path: ['headlines'] });
      }
    }
    const known = new Set<string>(NEED_IDS);
    for (const [need, headline] of Object.entries(file.needs)) {
      if (!known.has(need)) {
        context.addIssue({
          code: 'custom',
          message: `${need} is not a need the product records`,
          path: ['needs', need],
        });
      } else if (!(HEADLINE_IDS as readonly string[]).includes(headline)) {
        context.addIssue({
          code: 'custom',
          message: `${headline} is not a headline outcome`,
          path: ['needs', need],
        });
      }
    }
    for (const need of NEED_IDS) {
      if (!(need in file.needs)) {
        context.addIssue({
          code: 'custom',
          message: `need ${need} maps to no headline outcome`,
          path: ['needs', need],
        });
      }
    }
    const reached = new Set(Object.values(file.needs));
    for (const id of HEADLINE_IDS) {
      if (!reached.has(id)) {
        context.addIssue({
          code: 'custom',
          message: `headline ${id} is reached by no need`,
          path: ['needs'],
        });
      }
    }
  });

type FrameworkFile = z.infer<typeof outcomeFrameworkFileSchema>;
export type OutcomeHeadline = FrameworkFile['headlines'][number] & { sustainMonthsAfterClosure: number };

export interface OutcomeFramework {
  version: string;
  claimTerms: FrameworkFile['claimTerms'];
  headlines: Record<HeadlineOutcomeId, OutcomeHeadline>;
  needs: Record<NeedId, HeadlineOutcomeId>;
}

/** Validates an outcome framework (the bundled file unless given another) and returns it typed. */
export function loadOutcomeFramework(raw: unknown = frameworkData): OutcomeFramework {
  const result = outcomeFrameworkFileSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      'outcome-framework',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const file = result.data;
  const headlines = Object.fromEntries(
    file.headlines.map((headline) => [
      headline.id,
      {
        ...headline,
        sustainMonthsAfterClosure:
          headline.sustainMonthsAfterClosure ?? file.claimTerms.sustainMonthsAfterClosure,
      },
    ]),
  ) as Record<HeadlineOutcomeId, OutcomeHeadline>;
  return {
    version: file.version,
    claimTerms: file.claimTerms,
    headlines,
    needs: file.needs as Record<NeedId, HeadlineOutcomeId>,
  };
}
