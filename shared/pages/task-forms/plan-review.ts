import { listPlanVersions } from '../../adapters/data/family-plan';
import type { Db } from '../../adapters/data/db';
import type { Case } from '../../core/schemas/case';
import { type FieldSpec, type FormValues, one, optional, wholeNumber } from '../forms';
import { radios } from './options';
import { FAMILY_STAR_AREAS } from '../../core/vocabulary/family-star';

// The review's pass through the family plan (issue #18): a row per goal of the plan's latest version,
// `goals.<n>.{goalId,progress,next,comment}`, and a Family Star Plus reading per parent or carer,
// `carerStars.<n>.{carer,familyStar.<area>}` (a carer left blank is not read this time).

const CARER_RELATIONSHIPS = ['parent', 'step-parent', 'carer', 'grandparent'];

export const planReviewFields: Record<string, FieldSpec> = {
  'goals.*.goalId': { label: 'goal {n}', kind: 'text' },
  'goals.*.progress': { label: 'a progress score from 0 to 10 for goal {n}', kind: 'number' },
  'goals.*.next': { label: 'what happens to goal {n}', kind: 'choice', href: 'goals-{n}-next' },
  'goals.*.comment': { label: 'the comment on goal {n}', kind: 'text' },
  'carerStars.*.carer': { label: 'parent or carer {n}', kind: 'text' },
  ...Object.fromEntries(
    FAMILY_STAR_AREAS.map((area) => [
      `carerStars.*.familyStar.${area.id}`,
      { label: `a score from 1 to 10 for ${area.label} (parent or carer {n})`, kind: 'number' as const },
    ]),
  ),
};

function rowsOf(values: FormValues, list: string, key: string): number[] {
  const rows = new Set<number>();
  const pattern = new RegExp(`^${list}\\.(\\d+)\\.${key}$`);
  for (const name of Object.keys(values)) {
    const match = pattern.exec(name);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b).slice(0, 30);
}

/** The goal rows and carer readings as typed (a wholly blank carer is left out). */
export function planReviewFrom(values: FormValues): Record<string, unknown> {
  const goals = rowsOf(values, 'goals', 'goalId').map((row) => ({
    goalId: optional(values, `goals.${row}.goalId`),
    progress: wholeNumber(values, `goals.${row}.progress`),
    next: optional(values, `goals.${row}.next`),
    comment: optional(values, `goals.${row}.comment`),
  }));
  const carerStars = rowsOf(values, 'carerStars', 'carer')
    .filter((row) => FAMILY_STAR_AREAS.some((area) => one(values, `carerStars.${row}.familyStar.${area.id}`)))
    .map((row) => ({
      carer: optional(values, `carerStars.${row}.carer`),
      familyStar: Object.fromEntries(
        FAMILY_STAR_AREAS.map((area) => [
          area.id,
          wholeNumber(values, `carerStars.${row}.familyStar.${area.id}`),
        ]),
      ),
    }));
  return {
    ...(goals.length > 0 ? { goals } : {}),
    ...(carerStars.length > 0 ? { carerStars } : {}),
  };
}

/** Maps `carerStars.<k>` of the outcome (blank carers dropped) back to the form's row. */
export function carerFieldFor(path: string, values: FormValues): string {
  const match = /^carerStars\.(\d+)(\..*)?$/.exec(path);
  if (!match) return path;
  const kept = rowsOf(values, 'carerStars', 'carer').filter((row) =>
    FAMILY_STAR_AREAS.some((area) => one(values, `carerStars.${row}.familyStar.${area.id}`)),
  );
  return `carerStars.${kept[Number(match[1])] ?? match[1]}${match[2] ?? ''}`;
}

/** The plan's goals and the family's parents and carers, as the review form's rows. */
export async function planReviewView(db: Db, record: Case | undefined, values: FormValues) {
  if (!record) return { goalRows: [], carerRows: [] };
  const latest = (await listPlanVersions(db, record.id)).at(-1);
  const previous = new Map(latest?.review?.goals.map((goal) => [goal.goalId, goal.progress]));
  const goalRows = (latest?.goals ?? [])
    .filter((goal) => !goal.status)
    .map((goal, index) => {
      const prefix = `goals.${index}`;
      return {
        index,
        number: index + 1,
        prefix,
        id: `goals-${index}`,
        goalId: goal.id,
        goal: goal.goal,
        previous: previous.get(goal.id),
        progress: one(values, `${prefix}.progress`),
        comment: one(values, `${prefix}.comment`),
        nextItems: radios(one(values, `${prefix}.next`), [
          ['continue', 'Carries on'],
          ['achieved', 'Achieved'],
          ['dropped', 'No longer part of the plan'],
        ]),
      };
    });
  const carers = record.referral.family.members.filter((member) =>
    CARER_RELATIONSHIPS.includes(member.relationship),
  );
  const carerRows = carers.map((member, index) => {
    const prefix = `carerStars.${index}`;
    const carer = `${member.givenName} ${member.familyName}`;
    return {
      index,
      prefix,
      carer,
      rows: FAMILY_STAR_AREAS.map((area) => ({
        id: `carerStars-${index}-familyStar-${area.id}`,
        label: area.label,
        name: `${prefix}.familyStar.${area.id}`,
        value: one(values, `${prefix}.familyStar.${area.id}`),
      })),
    };
  });
  return { goalRows, carerRows };
}
