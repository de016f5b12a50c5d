import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { readableByOpenApi } from './openapi-mini';
import { partnerReferralSchema, selfReferralSchema, staffReferralSchema } from '../core/schemas/referral';
import { taskOutcomeSchemas } from '../core/schemas/outcomes';
import { taskTypeDefinition } from '../domain/tasks/types';
import { PROBLEM_TYPES, type ProblemStatus } from './problem';
import { TASK_TYPES } from '../core/config/task-types.generated';
import { REFERRAL_RULES } from '../core/vocabulary/referrals';

// The document's named schemas (components.schemas), registered from the same zod schemas the
// handlers validate with. Only the OpenAPI modules import this file: the handlers never load
// zod-to-openapi.

/** A 422 field error as the description of a rule shows it. */
const fieldError = (rule: { path: string; rule: string }) =>
  `422, \`errors[]\` holds \`{"path": "${rule.path}", "rule": "${rule.rule}"}\``;

const COMMON_RULES = [
  `At least one family member is a \`child\` or an \`unborn-child\` (${fieldError(REFERRAL_RULES.hasChild)}).`,
  `\`consent.given\` is \`true\` unless \`immediateSafeguardingConcern\` is \`true\`: only an immediate safeguarding concern goes ahead without consent, with \`reasonNotGiven\` (${fieldError(REFERRAL_RULES.consentRequired)}).`,
  `The referrer gives an \`email\` or a \`phone\` (or both) (${fieldError(REFERRAL_RULES.contactRequired)}).`,
  '`presentingNeeds` holds no need twice (422, `rule` `custom` at `presentingNeeds`).',
  'Every string is trimmed; a postcode is answered normalised (`le113ab` is stored as `LE11 3AB`). An unknown field is refused (`rule` `unknown_field`).',
];

function referralDescription(who: string, own: string[] = []): string {
  return [
    who,
    '',
    'Rules the schema cannot state, each refused with its own field error:',
    ...[...own, ...COMMON_RULES].map((rule) => `- ${rule}`),
  ].join('\n');
}

/** `hub-decision` -> `HubDecision` */
export function pascalCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

const PROBLEM_NAMES: Record<ProblemStatus, string> = {
  400: 'BadRequestProblem',
  401: 'UnauthenticatedProblem',
  403: 'ForbiddenProblem',
  404: 'NotFoundProblem',
  405: 'MethodNotAllowedProblem',
  409: 'ConflictProblem',
  413: 'PayloadTooLargeProblem',
  415: 'UnsupportedMediaTypeProblem',
  422: 'ValidationFailedProblem',
  428: 'PreconditionRequiredProblem',
  429: 'TooManyRequestsProblem',
  500: 'InternalProblem',
};

const fieldErrorSchema = z.object({
  path: z
    .string()
    .describe('Dotted path to the field, e.g. `family.members.0.dateOfBirth`; empty for the body'),
  rule: z
    .string()
    .describe(
      'The rule broken, stable for clients: `required`, `type`, `max_length`, `format:email`, `enum`, `unknown_field`, `has_child`, ...',
    ),
  message: z.string(),
});

export const problemSchema = z.object({
  type: z.string().describe('A stable `urn:sfw:problem:*` URI: branch on this, not on `title`'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(fieldErrorSchema)
    .optional()
    .describe('One entry per validation failure: the field path and the rule it broke'),
});

export interface Components {
  bodies: {
    partnerReferral: z.ZodType;
    staffReferral: z.ZodType;
    selfReferral: z.ZodType;
    taskCompletion: z.ZodType;
  };
  problem(status: ProblemStatus): z.ZodType;
}

/** A zod/mini schema registered as a component (zod-to-openapi's types name classic schemas only). */
function registerMini(registry: OpenAPIRegistry, refId: string, schema: z.core.$ZodType): z.ZodType {
  readableByOpenApi(schema);
  return registry.register(refId, schema as unknown as z.ZodType);
}

export function registerComponents(registry: OpenAPIRegistry): Components {
  const partnerReferral = registerMini(
    registry,
    'PartnerReferral',
    partnerReferralSchema.check(
      z.describe(
        referralDescription(
          'A multi-agency referral (MARF) from a partner: the body of `POST /v1/referrals`.',
          [
            "The referrer's `organisation` and `role` are required (422, `rule` `required` at `referrer.organisation` or `referrer.role`).",
          ],
        ),
      ),
    ),
  );
  const staffReferral = registerMini(
    registry,
    'StaffReferral',
    staffReferralSchema.check(
      z.describe(
        referralDescription(
          "A referral a staff member enters for a family: the body of `POST /v1/staff-referrals`, stored with source `staff` and who entered it. The same fields and rules as a partner referral, without `partnerReference`, plus how it came in (`receivedVia`) or, for a step-down from children's social care, `route` `step-down` with the social worker's `stepDown.summary`.",
          [
            "The referrer's `organisation` and `role` are required (422, `rule` `required` at `referrer.organisation` or `referrer.role`).",
            `A contact (\`route\` absent or \`contact\`) says how it came in (${fieldError(REFERRAL_RULES.receivedViaRequired)}) and has no \`stepDown\` (${fieldError(REFERRAL_RULES.stepDownOnly)}).`,
            `A step-down gives \`stepDown.summary\` (${fieldError(REFERRAL_RULES.stepDownRequired)}) and is never an immediate safeguarding concern, which stays with children's social care (${fieldError(REFERRAL_RULES.stepDownNotUrgent)}).`,
          ],
        ),
      ),
    ),
  );
  const selfReferral = registerMini(
    registry,
    'SelfReferral',
    selfReferralSchema.check(
      z.describe(
        referralDescription(
          'A parent or carer refers their own family: the body of `POST /v1/self-referrals`. The referrer may leave out `organisation` and `role`; `reason` is at most 2,000 characters.',
        ),
      ),
    ),
  );

  const completions = TASK_TYPES.map((type) => {
    const outcome = registerMini(
      registry,
      `${pascalCase(type)}Outcome`,
      taskOutcomeSchemas[type].check(
        z.describe(`The outcome of a \`${type}\` task. ${taskTypeDefinition(type).api.outcomeNote}`),
      ),
    );
    return registry.register(
      `${pascalCase(type)}Completion`,
      z.strictObject({
        type: z.literal(type).describe("The task's type, as `GET /v1/tasks/{id}` gives it"),
        outcome,
      }),
    );
  }) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<string> }>,
    ...z.ZodObject<{ type: z.ZodLiteral<string> }>[],
  ];
  const taskCompletion = registry.register(
    'TaskCompletion',
    z
      .discriminatedUnion('type', completions)
      .describe(
        [
          "The outcome's schema is the task type's: send the task's `type` (from `GET /v1/tasks/{id}`) with the",
          'outcome of that type. A `type` other than the task\'s is a 422 (`errors[]` holds `{"path": "type", "rule": "task_type"}`);',
          "the outcome's field errors are under `outcome.` (e.g. `outcome.reason`). The server also takes a body",
          "without `type` (then the task's own type decides), as clients written before it was added send.",
        ].join(' '),
      ),
  );

  const problemRef = registry.register('Problem', problemSchema.describe('A problem detail (RFC 9457)'));
  const problems = new Map<ProblemStatus, z.ZodType>();
  const problem = (status: ProblemStatus) => {
    let schema = problems.get(status);
    if (!schema) {
      schema = registry.register(
        PROBLEM_NAMES[status],
        problemRef
          .extend({ type: z.literal(PROBLEM_TYPES[status]), status: z.literal(status) })
          .describe(`A ${status} problem: \`type\` is \`${PROBLEM_TYPES[status]}\``),
      );
      problems.set(status, schema);
    }
    return schema;
  };

  return { bodies: { partnerReferral, staffReferral, selfReferral, taskCompletion }, problem };
}
