import {
  type FamilyPlan,
  type FamilyPlanBody,
  PLAN_ACTION_STATUSES,
  type PlanActionStatus,
} from '../core/schemas/family-plan';
import type { PlanView } from '../domain/family-plan/plan';
import type { FieldError } from '../core/schemas/validation-error';
import {
  dateFrom,
  type FieldSpec,
  type FormValues,
  many,
  one,
  optional,
  type PageErrors,
  pageErrors,
} from './forms';
import { scoreChart } from './star-chart';
import { FAMILY_STAR_AREAS } from '../core/vocabulary/family-star';
import { getNeed, HEADLINE_OUTCOMES, NEEDS, type NeedId } from '../core/vocabulary/needs';

// The family plan's page (/cases/{id}/plan): the plan with what is late, a status form per action, the
// forms to add a goal or an action (each writes the plan's next version through the API's schema), and
// the charts of how each goal and each parent's or carer's star areas moved across reviews.

export const ACTION_STATUS_LABELS: Record<PlanActionStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

const PLAN_FORM_FIELDS: Record<string, FieldSpec> = {
  goalId: { label: 'the goal the action is for', kind: 'choice' },
  goal: { label: 'the goal', kind: 'text' },
  needs: { label: "the family's needs the goal addresses", kind: 'choices', href: 'needs' },
  outcomes: { label: 'the outcome areas', kind: 'choices', href: 'outcomes' },
  what: { label: 'the action', kind: 'text' },
  ownerKind: { label: 'who owns the action', kind: 'choice', href: 'ownerKind' },
  ownerName: { label: 'their name', kind: 'text' },
  ownerRole: { label: 'their role', kind: 'text' },
  ownerAgency: { label: 'their agency', kind: 'text' },
  ownerPartnerId: { label: "their agency's partner account", kind: 'choice' },
  dueOn: { label: 'the date the action is due', kind: 'date', href: 'dueOn-day' },
  status: { label: 'the status', kind: 'choice' },
  revises: { label: 'the version changed', kind: 'number' },
};

const OWNER_FIELDS: Record<string, string> = {
  owner: 'ownerKind',
  kind: 'ownerKind',
  name: 'ownerName',
  role: 'ownerRole',
  agency: 'ownerAgency',
  partnerId: 'ownerPartnerId',
};

/** An error in the plan's body as the form field it came from (the form adds one goal or one action). */
function formFieldOf(path: string): string {
  const action = /^goals\.\d+\.actions\.\d+\.(what|dueOn|owner)(?:\.(\w+))?/.exec(path);
  if (action) return action[1] === 'owner' ? OWNER_FIELDS[action[2] ?? 'owner']! : action[1]!;
  const goal = /^goals\.\d+\.(goal|needs|outcomes)/.exec(path);
  if (goal) return goal[1]!;
  return path.startsWith('goals') ? 'goal' : path;
}

/** The refusal of a plan change as the page's error summary and field messages. */
export function planFormErrors(errors: readonly FieldError[]): PageErrors {
  return pageErrors(
    errors.map((error) => ({ ...error, path: formFieldOf(error.path) })),
    PLAN_FORM_FIELDS,
  );
}

function ownerFrom(values: FormValues) {
  const kind = optional(values, 'ownerKind');
  if (kind === 'family-member') return { kind, name: optional(values, 'ownerName') };
  if (kind === 'practitioner') {
    return {
      kind,
      name: optional(values, 'ownerName'),
      role: optional(values, 'ownerRole'),
      agency: optional(values, 'ownerAgency'),
      // With the family's consent to share plan actions with this agency, the practitioner updates
      // the action through the partner API.
      ...(optional(values, 'ownerPartnerId') ? { partnerId: optional(values, 'ownerPartnerId') } : {}),
    };
  }
  return kind ? { kind } : undefined;
}

/** The action typed on the form, or none when the action's fields are all blank. */
function actionFrom(values: FormValues) {
  const what = optional(values, 'what');
  const dueOn = dateFrom(values, 'dueOn');
  if (!what && !dueOn && !optional(values, 'ownerKind')) return undefined;
  return { what, owner: ownerFrom(values), dueOn };
}

/** The whole plan as the API's body, from the latest version, as it stands. */
function bodyOf(latest: FamilyPlan | undefined): Omit<FamilyPlanBody, 'goals'> & { goals: unknown[] } {
  return {
    ...(latest?.summary ? { summary: latest.summary } : {}),
    goals: (latest?.goals ?? []).map(({ actions, ...goal }) => ({ ...goal, actions })),
    revises: latest?.version ?? 0,
  };
}

/**
 * The "add to the plan" form as the plan's next version, as `PUT .../plan` takes it: a new goal (with its
 * first action, if typed) when no goal is chosen, else an action under the chosen goal.
 */
export function planBodyFrom(latest: FamilyPlan | undefined, values: FormValues): unknown {
  return one(values, 'goalId') ? withNewAction(latest, values) : withNewGoal(latest, values);
}

function withNewGoal(latest: FamilyPlan | undefined, values: FormValues): unknown {
  const body = bodyOf(latest);
  const action = actionFrom(values);
  const summary = optional(values, 'summary');
  return {
    ...body,
    ...(summary ? { summary } : {}),
    goals: [
      ...body.goals,
      {
        goal: optional(values, 'goal'),
        needs: many(values, 'needs'),
        outcomes: many(values, 'outcomes'),
        actions: action ? [action] : [],
      },
    ],
    revises: Number(one(values, 'revises')) || 0,
  };
}

function withNewAction(latest: FamilyPlan | undefined, values: FormValues): unknown {
  const body = bodyOf(latest);
  const goalId = one(values, 'goalId');
  const action = actionFrom(values) ?? { what: undefined, owner: undefined, dueOn: undefined };
  return {
    ...body,
    goals: (latest?.goals ?? []).map((goal) =>
      goal.id === goalId ? { ...goal, actions: [...goal.actions, action] } : goal,
    ),
    revises: Number(one(values, 'revises')) || 0,
  };
}

const ownerText = (owner: FamilyPlan['goals'][number]['actions'][number]['owner']) =>
  owner.kind === 'key-worker'
    ? 'The key worker'
    : owner.kind === 'family-member'
      ? owner.name
      : `${owner.name}, ${owner.role}, ${owner.agency}`;

/** The charts across reviews: each goal's progress, and each parent's or carer's star. */
export function planCharts(versions: readonly FamilyPlan[]) {
  const reviews = versions.filter((version) => version.review);
  const latest = versions.at(-1);
  const goals = latest?.goals.map((goal) => ({ id: goal.id, label: goal.goal })) ?? [];
  const goalChart = scoreChart(
    goals,
    reviews.map((version, index) => ({
      label: `Review ${index + 1}`,
      on: version.review!.heldOn,
      scores: Object.fromEntries(version.review!.goals.map((goal) => [goal.goalId, goal.progress])),
    })),
  );
  const carers = [
    ...new Set(reviews.flatMap((version) => version.review!.carerStars.map((star) => star.carer))),
  ];
  const carerCharts = carers.map((carer, index) => ({
    id: `carer-star-${index}`,
    carer,
    chart: scoreChart(
      FAMILY_STAR_AREAS,
      reviews.flatMap((version, review) => {
        const star = version.review!.carerStars.find((one) => one.carer === carer);
        return star
          ? [{ label: `Review ${review + 1}`, on: version.review!.heldOn, scores: star.familyStar }]
          : [];
      }),
    ),
  }));
  return { goalChart, carerCharts };
}

/** The plan as the page shows it. */
export function planPageData(view: PlanView, needs: readonly NeedId[], values: FormValues) {
  const plan = view.plan;
  return {
    plan: plan
      ? {
          ...plan,
          goals: plan.goals.map((goal) => ({
            ...goal,
            needLabels: goal.needs.map((need) => getNeed(need).label),
            outcomeLabels: goal.outcomes.map(
              (outcome) => HEADLINE_OUTCOMES.find((known) => known.id === outcome)?.label ?? outcome,
            ),
            actions: goal.actions.map((action) => ({
              ...action,
              ownerText: ownerText(action.owner),
              statusText: ACTION_STATUS_LABELS[action.status],
              statusItems: PLAN_ACTION_STATUSES.map((status) => ({
                value: status,
                text: ACTION_STATUS_LABELS[status],
                selected: status === action.status,
              })),
            })),
          })),
        }
      : null,
    lateCount: view.late.length,
    versionCount: view.versions.length,
    needItems: NEEDS.filter((need) => needs.includes(need.id)).map((need) => ({
      value: need.id,
      text: need.label,
      checked: many(values, 'needs').includes(need.id),
    })),
    outcomeItems: HEADLINE_OUTCOMES.map((outcome) => ({
      value: outcome.id,
      text: outcome.label,
      checked: many(values, 'outcomes').includes(outcome.id),
    })),
    goalItems: [
      { value: '', text: 'A new goal' },
      ...(plan?.goals ?? []).map((goal) => ({
        value: goal.id,
        text: goal.goal,
        selected: goal.id === one(values, 'goalId'),
      })),
    ],
  };
}
