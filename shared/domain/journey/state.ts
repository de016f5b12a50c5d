import * as z from 'zod/mini';
import { ulidSchema } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import { CASE_TASK_TYPES, type CaseTaskType } from '../tasks/due-dates';
import { isStepDown, type StaffReferralRoute } from '../../core/vocabulary/referrals';

// The data a journey execution carries from state to state (workflows/journey.asl.json). Executions
// live for months, so every version ever written must still parse: a handler upgrades what it is
// given to the current version before it reads it, and writes only the current one.
//
// v1 `{ schemaVersion: 1, caseId }`: the first agreed input (JOURNEY_PLAN), a journey from the start.
// v2 adds where to resume (`resumeAt`), the execution's place in its chain (`generation`), and the
// task being waited on.

const stageSchema = /* @__PURE__ */ (() => z.enum(CASE_TASK_TYPES as [CaseTaskType, ...CaseTaskType[]]))();

const v1 = /* @__PURE__ */ (() => z.object({ schemaVersion: z.literal(1), caseId: ulidSchema }))();

const v2 = /* @__PURE__ */ (() =>
  z.object({
    schemaVersion: z.literal(2),
    caseId: ulidSchema,
    /** The stage this execution starts at. */
    resumeAt: stageSchema,
    /** 1 for the execution named after the case, then 2, 3... for each continuation. */
    generation: z.number().check(z.int(), z.gte(1), z.lte(100_000)),
    /**
     * Counts the steps of this execution: each step answers its input's count plus one, so a retried
     * step (same input) is recognised and a stage entered again (after a transfer) is not.
     */
    step: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1_000_000))),
    /** The open task this execution waits on (a renewed wait carries it over). */
    taskId: z.optional(ulidSchema),
    /** The name of the task's child execution. */
    childName: z.optional(z.string().check(z.maxLength(80))),
    /** Where the journey goes next; the state machines switch on it. */
    route: z.optional(z.string().check(z.maxLength(40))),
    /**
     * Seconds the task's child execution waits before its first wake-up, as the opener of a fresh task
     * answered it (shared/domain/tasks/chase.ts, `firstWaitSeconds`); 0: wake up (chase) first.
     */
    firstWait: z.optional(z.number().check(z.int(), z.gte(0), z.lte(100_000_000))),
    /** What the task's child execution answered. */
    child: z.optional(z.object({ status: z.enum(['completed', 'cancelled', 'timed-out', 'renew']) })),
    /** When the next review task opens (the journey waits until then). */
    opensAt: z.optional(z.string().check(z.maxLength(40))),
  }))();

export type JourneyState = z.infer<typeof v2>;
export type JourneyStage = CaseTaskType;

const anyVersion = /* @__PURE__ */ (() => z.discriminatedUnion('schemaVersion', [v1, v2]))();

/** Parses any version of the journey state and returns it as the current version. */
export function parseJourneyState(input: unknown): JourneyState {
  const parsed = parseOrThrow(anyVersion, input);
  if (parsed.schemaVersion === 1) {
    return { schemaVersion: 2, caseId: parsed.caseId, resumeAt: 'safeguarding-screen', generation: 1 };
  }
  return parsed;
}

/**
 * The state a step answers with: the step count moves on; the fields of one step (task, child
 * answer, route) are not carried over unless the step sets them again.
 */
export function baseState(state: JourneyState): JourneyState {
  return {
    schemaVersion: 2,
    caseId: state.caseId,
    resumeAt: state.resumeAt,
    generation: state.generation,
    step: (state.step ?? 0) + 1,
  };
}

/**
 * The input of a new journey execution at its first stage: the screen, or for a step-down from
 * children's social care the hub decision (ResumeAt in the ASL is the Choice that skips the screen).
 * A function of the stored referral alone, so a retried start sends the same input.
 */
export function initialState(
  caseId: string,
  referral: { route?: StaffReferralRoute | undefined },
): JourneyState {
  const resumeAt = isStepDown(referral) ? 'hub-decision' : 'safeguarding-screen';
  return { schemaVersion: 2, caseId, resumeAt, generation: 1 };
}

/** The payload every journey handler receives: the state plus the engine's clock and the execution. */
export const journeyPayloadSchema = /* @__PURE__ */ (() =>
  z.object({
    /** The payload's own shape (the journey state inside has its own version). */
    schemaVersion: z.literal(1),
    journey: z.unknown(),
    /** `$$.State.EnteredTime`: the handler's `now`, which follows the engine's clock. */
    now: z.iso.datetime({ offset: true }),
    /** `$$.Execution.StartTime`. */
    startedAt: z.optional(z.iso.datetime({ offset: true })),
    /** `$$.Execution.Name`. */
    execution: z.optional(z.string().check(z.maxLength(80))),
    /** `$$.State.Name`. */
    stateName: z.optional(z.string().check(z.maxLength(80))),
    /** The task type a stage opens. */
    type: z.optional(stageSchema),
  }))();
export type JourneyPayload = z.infer<typeof journeyPayloadSchema>;
