import type * as z from 'zod';
import * as zm from 'zod/mini';
import type { CaseAction } from '../domain/access/rules';
import { configuredLocalities } from '../core/config';
import { type LeadProfessional, leadProfessionalSchema } from '../core/schemas/case';
import {
  caseActionReasonSchema,
  caseTransferSchema,
  supportExtensionSchema,
} from '../http/case-action-bodies';
import type { Db } from '../adapters/data/db';
import {
  extendSupport,
  setLeadProfessional,
  stepUpCase,
  type TransferTarget,
  transferCase,
  withdrawCase,
} from '../domain/journey/interruptions';
import { toFieldErrors } from '../core/schemas/errors';
import type { JourneyActor } from '../domain/tasks/actor';
import { dateFrom, type FieldSpec, type FormValues, optional, type PageErrors, pageErrors } from './forms';

// The case page's actions (step up, withdraw, transfer, extend support) as GOV.UK forms, checked with
// the same schemas as POST /v1/cases/{id}/<action>, so the page and the API accept exactly the same.

export const CASE_ACTIONS: readonly CaseAction[] = [
  'step-up',
  'withdraw',
  'transfer',
  'extend-support',
  'lead-professional',
];

interface CaseActionForm {
  heading: string;
  /** What happens, in a sentence, above the form. */
  explains: string;
  button: string;
  /** Told on the case page afterwards. */
  done: string;
  fields: Record<string, FieldSpec>;
  schema: z.core.$ZodType;
  toBody(values: FormValues): Record<string, unknown>;
}

const reasonFields: Record<string, FieldSpec> = { reason: { label: 'a reason', kind: 'text' } };
const reasonOf = (values: FormValues) => ({ reason: optional(values, 'reason') ?? '' });

export const CASE_ACTION_FORMS: Record<CaseAction, CaseActionForm> = {
  'step-up': {
    heading: "Step up to children's social care",
    explains:
      'Use this when there are safeguarding concerns. The case leaves early help, its open task is cancelled and the First Response duty team is told.',
    button: 'Step up',
    done: "The case was stepped up to children's social care.",
    fields: reasonFields,
    schema: caseActionReasonSchema,
    toBody: reasonOf,
  },
  withdraw: {
    heading: 'Record that the family withdrew',
    explains:
      'Use this when the family tells you they no longer want support. The case ends and the key worker’s place is freed for a family on the waiting list.',
    button: 'Record withdrawal',
    done: 'The withdrawal was recorded and the case ended.',
    fields: reasonFields,
    schema: caseActionReasonSchema,
    toBody: reasonOf,
  },
  transfer: {
    heading: 'Transfer the case',
    explains:
      'Move the case to another locality (its worker with the most room takes it) or to a named family support worker. A family is never left without a key worker: if nobody has room, nothing changes.',
    button: 'Transfer',
    done: 'The case was transferred.',
    fields: {
      toLocality: { label: 'a locality', kind: 'choice', href: 'toLocality' },
      toWorkerId: { label: 'a worker or a locality', kind: 'text' },
    },
    schema: caseTransferSchema,
    toBody: (values) => ({
      ...(optional(values, 'toLocality') ? { toLocality: optional(values, 'toLocality') } : {}),
      ...(optional(values, 'toWorkerId') ? { toWorkerId: optional(values, 'toWorkerId') } : {}),
    }),
  },
  'extend-support': {
    heading: 'Extend support',
    explains: 'Keep support going past its planned end. Reviews carry on every 12 weeks until the new date.',
    button: 'Extend support',
    done: 'Support was extended.',
    fields: { until: { label: 'the new end date', kind: 'date', href: 'until-day' } },
    schema: supportExtensionSchema,
    toBody: (values) => ({ until: dateFrom(values, 'until') ?? '' }),
  },
  'lead-professional': {
    heading: 'Change the lead professional',
    explains:
      'The lead professional leads the team around the family: the key worker, or a practitioner of another agency who knows the family best.',
    button: 'Save the lead professional',
    done: 'The lead professional was changed.',
    fields: {
      kind: { label: 'who leads the team', kind: 'choice', href: 'kind' },
      name: { label: 'their name', kind: 'text' },
      role: { label: 'their role', kind: 'text' },
      agency: { label: 'their agency', kind: 'text' },
      email: { label: 'their email address', kind: 'text' },
      phone: { label: 'their phone number', kind: 'text' },
    },
    schema: leadProfessionalSchema,
    toBody: (values) =>
      optional(values, 'kind') === 'practitioner'
        ? {
            kind: 'practitioner',
            name: optional(values, 'name') ?? '',
            role: optional(values, 'role') ?? '',
            agency: optional(values, 'agency') ?? '',
            ...(optional(values, 'email') ? { email: optional(values, 'email') } : {}),
            ...(optional(values, 'phone') ? { phone: optional(values, 'phone') } : {}),
          }
        : { kind: optional(values, 'kind') ?? '' },
  },
};

export function isCaseAction(value: string | undefined): value is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(value ?? '');
}

export type CaseActionCheck = { ok: true; body: unknown } | { ok: false; errors: PageErrors };

export function checkCaseActionForm(action: CaseAction, values: FormValues): CaseActionCheck {
  const form = CASE_ACTION_FORMS[action];
  const body = form.toBody(values);
  const result = zm.safeParse(form.schema, body);
  if (result.success) return { ok: true, body: result.data };
  return { ok: false, errors: pageErrors(toFieldErrors(result.error, body), form.fields) };
}

/** The localities a case may move to (all but its own), for the transfer form's radios. */
export function transferLocalities(current: string, values: FormValues) {
  return configuredLocalities()
    .filter((locality) => locality.id !== current)
    .map((locality) => ({
      value: locality.id,
      text: locality.name,
      checked: optional(values, 'toLocality') === locality.id,
    }));
}

/** Runs a checked action through the journey, as the API's case action routes do. */
export async function runCaseAction(
  action: CaseAction,
  caseId: string,
  actor: JourneyActor,
  body: unknown,
  now: Date,
  db: Db,
): Promise<void> {
  switch (action) {
    case 'step-up':
      await stepUpCase(db, caseId, actor, (body as { reason: string }).reason, now);
      return;
    case 'withdraw':
      await withdrawCase(db, caseId, actor, (body as { reason: string }).reason, now);
      return;
    case 'transfer':
      await transferCase(db, caseId, actor, body as TransferTarget, now);
      return;
    case 'extend-support':
      await extendSupport(db, caseId, actor, body as { until: string }, now);
      return;
    case 'lead-professional':
      await setLeadProfessional(db, caseId, actor, body as LeadProfessional, now);
      return;
  }
}

/** Why the journey refused, in words for the person at the form. */
export function refusalText(error: Error): string {
  if (error.name === 'CapacityError')
    return 'Nobody there has room for this family now, so the case was not moved.';
  if (/not in support/.test(error.message))
    return 'Support can only be extended while the family is in support.';
  if (/no key worker yet/.test(error.message))
    return 'The case has no key worker yet: transfer it to a locality instead.';
  if (/already in/.test(error.message)) return 'The case is already in that locality.';
  if (error.name === 'CaseEndedError') return 'The case has ended, so nothing was changed.';
  return 'The case changed while you were working. Check the case page and try again.';
}
