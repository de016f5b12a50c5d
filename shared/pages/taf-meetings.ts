import type { FieldError } from '../core/schemas/validation-error';
import type { FamilyPlan } from '../core/schemas/family-plan';
import type { TafMeeting } from '../core/schemas/taf-meeting';
import {
  dateFrom,
  type FieldSpec,
  type FormValues,
  lines,
  one,
  optional,
  type PageErrors,
  pageErrors,
} from './forms';

// The Team Around the Family pages (/cases/{id}/taf-meetings, /new): the form as the API's body
// (attendees one a line, "role, agency" or "role, agency, name"; up to three actions into the plan),
// its errors on the form's fields, and each meeting as the list shows it.

export const ACTION_ROWS = 3;

const TAF_FIELDS: Record<string, FieldSpec> = {
  heldOn: { label: 'the date the meeting was held', kind: 'date', href: 'heldOn-day' },
  attendees: { label: 'who attended, by role and agency', kind: 'text' },
  familyPresent: { label: 'whether the family was there', kind: 'choice', href: 'familyPresent' },
  decisions: { label: 'what was decided', kind: 'text' },
  'actions.*.goalId': { label: 'the goal of action {n}', kind: 'choice' },
  'actions.*.what': { label: 'action {n}', kind: 'text' },
  'actions.*.ownerKind': { label: 'who owns action {n}', kind: 'choice' },
  'actions.*.ownerName': { label: 'the name of the owner of action {n}', kind: 'text' },
  'actions.*.ownerRole': { label: 'the role of the owner of action {n}', kind: 'text' },
  'actions.*.ownerAgency': { label: 'the agency of the owner of action {n}', kind: 'text' },
  'actions.*.dueOn': { label: 'the date action {n} is due', kind: 'date', href: 'actions-{n}-dueOn-day' },
  nextMeetingOn: { label: 'the date of the next meeting', kind: 'date', href: 'nextMeetingOn-day' },
  actions: { label: 'the actions', kind: 'text', href: 'actions-0-goalId' },
};

function attendeesFrom(values: FormValues) {
  return lines(values, 'attendees').map((line) => {
    const [role, agency, ...name] = line.split(',').map((part) => part.trim());
    return {
      role: role || undefined,
      agency: agency || undefined,
      ...(name.join(', ') ? { name: name.join(', ') } : {}),
    };
  });
}

function actionRows(values: FormValues): number[] {
  return Array.from({ length: ACTION_ROWS }, (_, row) => row).filter((row) =>
    ['goalId', 'what', 'ownerKind', 'dueOn-day', 'dueOn-month', 'dueOn-year'].some((part) =>
      one(values, `actions.${row}.${part}`),
    ),
  );
}

function ownerFrom(values: FormValues, prefix: string) {
  const kind = optional(values, `${prefix}.ownerKind`);
  if (kind === 'family-member') return { kind, name: optional(values, `${prefix}.ownerName`) };
  if (kind === 'practitioner') {
    return {
      kind,
      name: optional(values, `${prefix}.ownerName`),
      role: optional(values, `${prefix}.ownerRole`),
      agency: optional(values, `${prefix}.ownerAgency`),
    };
  }
  return kind ? { kind } : undefined;
}

/** The posted form as `POST /v1/cases/{id}/taf-meetings` takes it (the schema then checks it). */
export function tafMeetingBodyFrom(values: FormValues): Record<string, unknown> {
  const present = one(values, 'familyPresent');
  const next = dateFrom(values, 'nextMeetingOn');
  return {
    heldOn: dateFrom(values, 'heldOn'),
    attendees: attendeesFrom(values),
    familyPresent: present === 'yes' ? true : present === 'no' ? false : undefined,
    decisions: optional(values, 'decisions'),
    actions: actionRows(values).map((row) => ({
      goalId: optional(values, `actions.${row}.goalId`),
      what: optional(values, `actions.${row}.what`),
      owner: ownerFrom(values, `actions.${row}`),
      dueOn: dateFrom(values, `actions.${row}.dueOn`),
    })),
    ...(next ? { nextMeetingOn: next } : {}),
  };
}

/** A refusal on the form's fields: `attendees.<n>.x` on the attendees box, an action's on its row. */
export function tafFormErrors(errors: readonly FieldError[], values: FormValues): PageErrors {
  const rows = actionRows(values);
  const fieldOf = (path: string) => {
    if (path.startsWith('attendees')) return 'attendees';
    const action = /^actions\.(\d+)\.(goalId|what|dueOn|owner)(?:\.(\w+))?/.exec(path);
    if (!action) return path;
    const row = rows[Number(action[1])] ?? Number(action[1]);
    const owner: Record<string, string> = {
      kind: 'ownerKind',
      name: 'ownerName',
      role: 'ownerRole',
      agency: 'ownerAgency',
    };
    const field = action[2] === 'owner' ? (owner[action[3] ?? 'kind'] ?? 'ownerKind') : action[2];
    return `actions.${row}.${field}`;
  };
  return pageErrors(
    errors.map((error) => ({ ...error, path: fieldOf(error.path) })),
    TAF_FIELDS,
  );
}

/** The action rows the form shows, with the plan's goals to choose from. */
export function actionRowsView(values: FormValues, plan: FamilyPlan | undefined) {
  const goals = (plan?.goals ?? []).filter((goal) => !goal.status);
  return Array.from({ length: ACTION_ROWS }, (_, row) => {
    const prefix = `actions.${row}`;
    return {
      number: row + 1,
      prefix,
      id: `actions-${row}`,
      goalItems: [
        { value: '', text: 'Choose a goal' },
        ...goals.map((goal) => ({
          value: goal.id,
          text: goal.goal,
          selected: one(values, `${prefix}.goalId`) === goal.id,
        })),
      ],
      ownerItems: [
        { value: '', text: 'Choose who' },
        ...[
          ['key-worker', 'The key worker'],
          ['family-member', 'A family member'],
          ['practitioner', 'A practitioner of a partner agency'],
        ].map(([value, text]) => ({ value, text, selected: one(values, `${prefix}.ownerKind`) === value })),
      ],
    };
  });
}

/** A meeting as the list shows it. */
export function tafMeetingView(meeting: TafMeeting, plan: FamilyPlan | undefined) {
  const goals = new Map(plan?.goals.map((goal) => [goal.id, goal.goal]));
  return {
    ...meeting,
    attendeesText: meeting.attendees
      .map((attendee) => [attendee.name, attendee.role, attendee.agency].filter(Boolean).join(', '))
      .join('; '),
    actionsView: meeting.actions.map((action) => ({
      ...action,
      goal: goals.get(action.goalId) ?? 'A goal no longer in the plan',
    })),
  };
}
