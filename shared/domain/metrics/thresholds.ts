import * as z from 'zod/mini';
import { configuredTimescales } from '../../core/config';
import thresholdsData from './thresholds.json';

// When a locality's report is flagged for improvement (seeds/002 §46). Data, checked when it loads.

const fraction = /* @__PURE__ */ (() => z.number().check(z.gte(0), z.lte(1)))();

export const thresholdsFileSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    source: z.optional(z.string().check(z.maxLength(2000))),
    /** Assessments completed within timescale below this share: flagged. Default: the 2013 audit's baseline (86%). */
    assessmentsOnTime: z.optional(fraction),
    /** Reviews held by their 12-week due date below this share: flagged. */
    reviewsOnTime: fraction,
    /** The waiting list grew at each of this many quarter ends running: flagged. */
    waitingListGrowthQuarters: z.number().check(z.int(), z.gte(1), z.lte(8)),
    /** The same flag raised this many quarters running also proposes referral to the board. */
    persistentQuarters: z.number().check(z.int(), z.gte(2), z.lte(8)),
  }))();

export interface ImprovementThresholds {
  assessmentsOnTime: number;
  /** Whether `assessmentsOnTime` is the 2013 audit's baseline (configuration), not a threshold set here. */
  assessmentsOnTimeIsBaseline: boolean;
  reviewsOnTime: number;
  waitingListGrowthQuarters: number;
  persistentQuarters: number;
}

export function loadThresholds(raw: unknown = thresholdsData): ImprovementThresholds {
  const parsed = thresholdsFileSchema.parse(raw);
  return {
    assessmentsOnTime: parsed.assessmentsOnTime ?? configuredTimescales().assessmentsOnTimeBaseline,
    assessmentsOnTimeIsBaseline: parsed.assessmentsOnTime === undefined,
    reviewsOnTime: parsed.reviewsOnTime,
    waitingListGrowthQuarters: parsed.waitingListGrowthQuarters,
    persistentQuarters: parsed.persistentQuarters,
  };
}

/** The courses of action when a locality under-performs (seeds/002 §46), in the seeds' order. */
export const IMPROVEMENT_OPTIONS = [
  {
    id: 'improvement-plan',
    label: 'Improvement plan',
    description:
      "A plan prepared by the District Council's Chief Executive with the locality partnership and the Head of Service: the actions and timescales for the improvements.",
  },
  {
    id: 'additional-capacity',
    label: 'Additional capacity',
    description: 'Temporary additional staffing capacity from a partner agency.',
  },
  {
    id: 'peer-support',
    label: 'Peer support',
    description:
      'Another locality programme helps find the causes of under-performance and supports the improvements.',
  },
  {
    id: 'amalgamation',
    label: 'Amalgamation',
    description: 'Combining managerial resources with another locality to run a joint programme.',
  },
  {
    id: 'referral-to-board',
    label: 'Referral to the board',
    description:
      'Referral to the Commissioning Board to decide the future delivery of the locality programme, including outsourcing.',
  },
] as const;

export type ImprovementOptionId = (typeof IMPROVEMENT_OPTIONS)[number]['id'];

export function improvementOptionLabel(id: string): string {
  return IMPROVEMENT_OPTIONS.find((option) => option.id === id)?.label ?? id;
}
