import * as z from 'zod';
import {
  TASK_TIMESCALE_DEFAULTS,
  TASK_TYPES,
  type TaskType,
  WORKING_DAY_TASK_TYPES,
} from './task-types.generated';
import { SUPPORTED_DOCUMENT_CONTENT_TYPES, type SupportedContentType } from './document-types';

// The shape of the configuration data files, checked when they load so a bad edit fails at start-up
// with the field at fault, not months later inside a case.

const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().nonnegative().max(100_000);
const share = z.number().min(0).max(1);
const workingDays = z.number().int().min(0).max(260);

export const localitySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lowercase letters, digits and hyphens'),
    name: text(80),
    march2012: z.strictObject({ highRisk: count, atRisk: count, total: count }),
    staffShare: share,
    familySupportWorkers: z.number().int().nonnegative().max(1000),
    seniors: z.number().nonnegative().max(100),
  })
  .refine(
    (locality) => locality.march2012.highRisk + locality.march2012.atRisk === locality.march2012.total,
    {
      message: 'march2012.total must equal highRisk + atRisk',
      path: ['march2012', 'total'],
    },
  );

export const localitiesFileSchema = z
  .strictObject({
    source: text(1000).optional(),
    localities: z.array(localitySchema).min(1).max(50),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.localities.forEach((locality, index) => {
      if (seen.has(locality.id)) {
        context.addIssue({
          code: 'custom',
          message: `duplicate locality id ${locality.id}`,
          path: ['localities', index, 'id'],
        });
      }
      seen.add(locality.id);
    });
    const shares = file.localities.reduce((sum, locality) => sum + locality.staffShare, 0);
    if (Math.abs(shares - 1) > 0.005) {
      context.addIssue({
        code: 'custom',
        message: `staff shares add up to ${shares.toFixed(3)}, not 1`,
        path: ['localities'],
      });
    }
  });

/** A single S3 PUT (a presigned upload) takes at most 5 GB. */
const S3_SINGLE_PUT_BYTES = 5 * 1024 * 1024 * 1024;

export const documentsFileSchema = z.strictObject({
  source: text(1000).optional(),
  /** The largest file accepted, in bytes. */
  maxBytes: z.number().int().min(1024).max(S3_SINGLE_PUT_BYTES),
  /** The file types accepted: each a supported one, none twice. */
  contentTypes: z
    .array(
      z.enum(
        Object.keys(SUPPORTED_DOCUMENT_CONTENT_TYPES) as [SupportedContentType, ...SupportedContentType[]],
      ),
    )
    .min(1)
    .refine((types) => new Set(types).size === types.length, 'a type named twice'),
});

export const staffingFileSchema = z
  .strictObject({
    source: text(1000).optional(),
    familySupportWorkers: z.number().int().positive().max(10_000),
    seniors: z.number().int().nonnegative().max(1000),
    workersPerSenior: z.number().int().positive().max(100),
    caseload: z.strictObject({
      standardCases: z.number().int().positive().max(100),
      complexCases: z.number().int().positive().max(100),
      unitsPerWorker: z.number().int().positive().max(10_000),
      weights: z.strictObject({
        standard: z.number().int().positive().max(1000),
        complex: z.number().int().positive().max(1000),
      }),
    }),
    needsThresholds: z.strictObject({
      atRisk: z.number().int().positive().max(50),
      complex: z.number().int().positive().max(50),
    }),
  })
  .superRefine((file, context) => {
    const { caseload } = file;
    // Capacity is counted in integer units so DynamoDB can ADD them atomically; the units must
    // reproduce the seeds' caseloads exactly.
    if (caseload.weights.standard * caseload.standardCases !== caseload.unitsPerWorker) {
      context.addIssue({
        code: 'custom',
        message: 'weights.standard × standardCases must equal unitsPerWorker',
        path: ['caseload', 'weights', 'standard'],
      });
    }
    if (Math.floor(caseload.unitsPerWorker / caseload.weights.complex) !== caseload.complexCases) {
      context.addIssue({
        code: 'custom',
        message: 'unitsPerWorker ÷ weights.complex must give complexCases whole cases',
        path: ['caseload', 'weights', 'complex'],
      });
    }
    if (file.needsThresholds.complex <= file.needsThresholds.atRisk) {
      context.addIssue({
        code: 'custom',
        message: 'complex must be above atRisk',
        path: ['needsThresholds', 'complex'],
      });
    }
  });

export { TASK_TYPES, type TaskType, WORKING_DAY_TASK_TYPES };

const offsets = z.array(workingDays).max(10);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** Working hours, in quarters of an hour (0.25 = 15 minutes) up to a working week. */
const workingHours = z
  .number()
  .min(0)
  .max(40)
  .refine((hours) => Number.isInteger(hours * 4), 'a whole number of quarter hours');

/**
 * An urgent task of the type (a screen for an immediate safeguarding concern): due, escalated and
 * chased in working hours (`workingHours`) rather than working days.
 */
const urgentTimescaleSchema = z.strictObject({
  dueInWorkingHours: workingHours.refine((hours) => hours > 0, 'more than 0'),
  /** Working hours after the due time: 0 is the due time itself. Level 1 first, as for working days. */
  escalateWorkingHoursAfter: z.array(workingHours).min(1).max(10),
  /** After the last escalation the owner is reminded every this many working hours until it is done. */
  repeatEveryWorkingHours: workingHours.refine((hours) => hours > 0, 'more than 0'),
});

const taskTimescaleSchema = z.strictObject({
  dueInWorkingDays: workingDays.min(1).optional(),
  remindWorkingDaysBefore: offsets,
  escalateWorkingDaysAfter: offsets.min(1),
  /**
   * Working days after the due date when the task times out and the journey takes its timeout path
   * (consent: closed, consent not given). Left out, the task never times out: after the last
   * escalation it is chased every `chase.repeatEveryWorkingDays` until someone does it.
   */
  timeoutWorkingDaysAfter: workingDays.min(1).optional(),
  /**
   * False: after the last escalation the task is not reminded again (an allocation on the waiting
   * list waits for a place, which the system gives when one frees; nobody is late). Default true.
   */
  repeatAfterLastEscalation: z.boolean().optional(),
  /** How an urgent task of the type runs; a type without it has no urgent tasks. */
  urgent: urgentTimescaleSchema.optional(),
});

/**
 * timescales.json with each task type it leaves out given its own timescales (its folder's
 * timescales.json), so a new type needs no entry here; an entry the council writes replaces the type's
 * own as a whole, and both are checked by the schema below. Anything but an object is left for the
 * schema to refuse.
 */
function withTaskTimescaleDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const file = raw as { tasks?: unknown };
  if (typeof file.tasks !== 'object' || file.tasks === null || Array.isArray(file.tasks)) return raw;
  return { ...file, tasks: { ...TASK_TIMESCALE_DEFAULTS, ...file.tasks } };
}

const timescalesFileObjectSchema = z
  .strictObject({
    source: text(2000).optional(),
    tasks: z.strictObject(
      Object.fromEntries(TASK_TYPES.map((type) => [type, taskTimescaleSchema])) as Record<
        TaskType,
        typeof taskTimescaleSchema
      >,
    ),
    /** When reminders and escalations go out (a London wall-clock time on a working day). */
    chase: z.strictObject({
      time: clockTime,
      repeatEveryWorkingDays: z.number().int().min(1).max(20),
    }),
    /** A review task opens this many working days before the review is due (the worker prepares). */
    reviewOpensWorkingDaysBefore: z.number().int().min(0).max(40),
    reviewIntervalWeeks: z.number().int().min(1).max(52),
    support: z.strictObject({
      standardMonths: z.number().int().min(1).max(24),
      enhancedMonths: z.number().int().min(1).max(36),
    }),
    /**
     * A case on its plan never drifts. It drifts once past its plan's end (`support.endsOn`, which an
     * extension moves), or, before support starts, once open longer than `maxOpenMonthsBeforeSupport`.
     */
    drift: z.strictObject({
      maxOpenMonthsBeforeSupport: z.number().int().min(1).max(60),
    }),
    retentionYearsAfterClosure: z.number().int().min(1).max(100),
    reporting: z.strictObject({
      quarterlyReportWeeksAfterQuarterEnd: z.number().int().min(1).max(13),
      annualReportMonthsAfterYearEnd: z.number().int().min(1).max(12),
      annualConversationMonth: z.number().int().min(1).max(12),
    }),
    /**
     * The share of assessments within timescale that flags a locality's report when it falls below:
     * by default 86%, the November 2013 audit of 25 cases (seeds/001 §12), a baseline from one audit,
     * not a target the partnership set. Change it when the partnership sets one.
     */
    assessmentsOnTimeBaseline: share,
    /**
     * First Response's working hours (London time, on working days): urgent tasks are due and chased
     * in these hours; an urgent referral outside them also goes to `outOfHours` at once.
     */
    workingHours: z
      .strictObject({ start: clockTime, end: clockTime })
      .refine((hours) => hours.start < hours.end, { message: 'end must be after start', path: ['end'] }),
    /**
     * Who covers the duty team outside working hours (the emergency duty team): an urgent referral
     * that cannot be screened within today's working hours is emailed to `address` at once.
     */
    outOfHours: z.strictObject({ team: text(80), address: z.email().max(254) }),
    /**
     * What a referrer is told with every referral's answer (the partner's 201, the self-referral's
     * confirmation): an immediate risk to a child is phoned in, never left to this service
     * (seeds/000 §5.16). `notice` names `{firstResponse}` and `{emergency}`, filled with the numbers.
     */
    immediateRisk: z.strictObject({
      firstResponsePhone: z.string().regex(/^\+?[0-9][0-9 ]{2,19}$/, 'a phone number'),
      emergencyPhone: z.string().regex(/^[0-9]{3}$/, 'a three-digit number'),
      notice: text(400)
        .refine((notice) => notice.includes('{firstResponse}'), 'the notice must name {firstResponse}')
        .refine((notice) => notice.includes('{emergency}'), 'the notice must name {emergency}'),
    }),
  })
  .superRefine((file, context) => {
    for (const type of TASK_TYPES) {
      const timescale = file.tasks[type];
      const lastEscalation = Math.max(...timescale.escalateWorkingDaysAfter);
      if (
        timescale.timeoutWorkingDaysAfter !== undefined &&
        timescale.timeoutWorkingDaysAfter <= lastEscalation
      ) {
        context.addIssue({
          code: 'custom',
          message: 'a timeout must come after the last escalation',
          path: ['tasks', type, 'timeoutWorkingDaysAfter'],
        });
      }
    }
    for (const type of WORKING_DAY_TASK_TYPES) {
      if (file.tasks[type].dueInWorkingDays === undefined) {
        context.addIssue({
          code: 'custom',
          message: `${type} needs dueInWorkingDays`,
          path: ['tasks', type, 'dueInWorkingDays'],
        });
      }
    }
  });

export const timescalesFileSchema = z.preprocess(withTaskTimescaleDefaults, timescalesFileObjectSchema);

export type Locality = z.infer<typeof localitySchema>;
export type StaffingConfig = z.infer<typeof staffingFileSchema>;
export type DocumentsConfig = z.infer<typeof documentsFileSchema>;
export type TimescalesConfig = z.infer<typeof timescalesFileSchema>;
export type TaskTimescale = z.infer<typeof taskTimescaleSchema>;
