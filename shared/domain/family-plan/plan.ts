import { type IsoDate, londonDate } from '../../core/calendar';
import type { Case } from '../../core/schemas/case';
import type { FieldError } from '../../core/schemas/validation-error';
import { ValidationError } from '../../core/schemas/validation-error';
import {
  FINISHED_ACTION_STATUSES,
  type FamilyPlan,
  type FamilyPlanBody,
  type PLAN_CHANGES,
  type PlanAction,
  type PlanGoal,
} from '../../core/schemas/family-plan';
import type { AuditEvent } from '../../core/schemas/audit';
import { auditPut, buildAuditEvent } from '../../adapters/data/audit';
import { ConflictError, type Db, type TransactItem } from '../../adapters/data/db';
import {
  listPlanVersions,
  planVersionPut,
  putPlanVersion,
  STALE_PLAN_MESSAGE,
} from '../../adapters/data/family-plan';
import { newId } from '../../adapters/data/ids';
import { auditActorOf, type JourneyActor } from '../tasks/actor';
import { isOpenStatus } from '../../core/vocabulary/cases';

// The family plan (issue #18; seeds/003, one plan per family): goals tied to the family's needs and
// outcome areas, actions under each goal with an owner, a due date and a status. Every change writes
// the next version of the whole plan (the earlier ones stay readable), on the condition that the
// version it was made from is still the latest, and is audited with ids and counts only.

export type PlanChange = (typeof PLAN_CHANGES)[number];

/** An action as the plan shows it: late when it is not finished and its due date has passed. */
export type PlanActionView = PlanAction & { late: boolean };
export type PlanGoalView = Omit<PlanGoal, 'actions'> & { actions: PlanActionView[] };

export interface PlanView {
  plan: (Omit<FamilyPlan, 'goals'> & { goals: PlanGoalView[] }) | null;
  /** Every version: when, by whom and why it was written. */
  versions: { version: number; change: PlanChange; writtenBy: string; writtenAt: string }[];
  /** The actions that are late today (London), in due order. */
  late: (PlanActionView & { goalId: string })[];
}

export function isLate(action: Pick<PlanAction, 'status' | 'dueOn'>, today: IsoDate): boolean {
  return !FINISHED_ACTION_STATUSES.includes(action.status) && action.dueOn < today;
}

export function planView(versions: readonly FamilyPlan[], now: Date): PlanView {
  const today = londonDate(now);
  const latest = versions.at(-1);
  const goals = (latest?.goals ?? []).map((goal) => ({
    ...goal,
    actions: goal.actions.map((action) => ({ ...action, late: isLate(action, today) })),
  }));
  return {
    plan: latest ? { ...latest, goals } : null,
    versions: versions.map(({ version, change, writtenBy, writtenAt }) => ({
      version,
      change,
      writtenBy,
      writtenAt,
    })),
    late: goals
      .flatMap((goal) => goal.actions.filter((action) => action.late).map((a) => ({ ...a, goalId: goal.id })))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  };
}

export async function readPlan(db: Db, caseId: string, now: Date): Promise<PlanView> {
  return planView(await listPlanVersions(db, caseId), now);
}

/** A plan is written while the family is worked with: an open case with a key worker. */
export function requireWorkable(record: Case): void {
  if (!isOpenStatus(record.status) || !record.keyWorkerId) {
    throw new ConflictError(
      'the plan is written while the case is open and has a key worker',
      'case-not-workable',
    );
  }
}

export function requireLatest(latest: FamilyPlan | undefined, revises: number): void {
  if ((latest?.version ?? 0) !== revises) throw new ConflictError(STALE_PLAN_MESSAGE, 'stale-version');
}

/**
 * The goals of a new version from the goals as written: each goal's needs must be the family's (the
 * needs in force on the case), an id must name a goal or action of the latest version, and new goals
 * and actions get their ids here.
 */
export function goalsFrom(
  record: Pick<Case, 'needs'>,
  latest: FamilyPlan | undefined,
  written: FamilyPlanBody['goals'],
  at: Date,
  pathPrefix = 'goals',
): PlanGoal[] {
  const errors: FieldError[] = [];
  const knownGoals = new Set(latest?.goals.map((goal) => goal.id));
  const knownActions = new Set(latest?.goals.flatMap((goal) => goal.actions.map((action) => action.id)));
  const seen = new Set<string>();
  const idOf = (id: string | undefined, known: Set<string>, path: string) => {
    if (id === undefined) return newId(at.getTime());
    if (!known.has(id)) errors.push({ path, rule: 'unknown_id', message: 'no such item in the latest plan' });
    else if (seen.has(id)) errors.push({ path, rule: 'duplicate', message: 'named twice' });
    seen.add(id);
    return id;
  };
  const goals = written.map((goal, g) => {
    goal.needs.forEach((need, n) => {
      if (!record.needs.includes(need)) {
        errors.push({
          path: `${pathPrefix}.${g}.needs.${n}`,
          rule: 'family_need',
          message: "a goal addresses one of the family's needs",
        });
      }
    });
    return {
      ...goal,
      id: idOf(goal.id, knownGoals, `${pathPrefix}.${g}.id`),
      actions: goal.actions.map((action, a) => ({
        ...action,
        id: idOf(action.id, knownActions, `${pathPrefix}.${g}.actions.${a}.id`),
      })),
    };
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return goals;
}

export interface PlanWrite {
  record: Pick<Case, 'id'>;
  /** Who made the change: staff through the plan's routes, a review's completer, a meeting's recorder. */
  actor: JourneyActor;
  at: Date;
  change: PlanChange;
  /** Counted in the audit event (ids and counts only). */
  details?: Record<string, string | number | boolean | null>;
  /** Written in the same transaction (a Team Around the Family meeting). */
  also?: readonly TransactItem[];
}

/** The next version after `latest` and its audit event, unwritten. */
function nextPlanVersion(
  latest: FamilyPlan | undefined,
  fields: Pick<FamilyPlan, 'goals' | 'review'> & { summary?: string },
  write: PlanWrite,
): { plan: FamilyPlan; audit: AuditEvent } {
  const plan: FamilyPlan = {
    caseId: write.record.id,
    version: (latest?.version ?? 0) + 1,
    ...(fields.summary !== undefined ? { summary: fields.summary } : {}),
    goals: fields.goals,
    change: write.change,
    ...(fields.review ? { review: fields.review } : {}),
    writtenBy:
      write.actor.kind === 'staff'
        ? write.actor.userId
        : write.actor.kind === 'partner'
          ? write.actor.partnerId
          : 'system',
    writtenAt: write.at.toISOString(),
  };
  const audit: AuditEvent = buildAuditEvent({
    subject: `case#${write.record.id}`,
    caseId: write.record.id,
    at: plan.writtenAt,
    actor: auditActorOf(write.actor),
    action: 'case.plan-written',
    details: {
      version: plan.version,
      change: plan.change,
      goals: plan.goals.length,
      actions: plan.goals.reduce((sum, goal) => sum + goal.actions.length, 0),
      ...write.details,
    },
  });
  return { plan, audit };
}

/** Writes `plan` as the next version after `latest`, audited; ConflictError when someone wrote it first. */
export async function writePlanVersion(
  db: Db,
  latest: FamilyPlan | undefined,
  fields: Pick<FamilyPlan, 'goals' | 'review'> & { summary?: string },
  write: PlanWrite,
): Promise<FamilyPlan> {
  const { plan, audit } = nextPlanVersion(latest, fields, write);
  await putPlanVersion(db, plan, audit, write.also);
  return plan;
}

/**
 * The next version's put and its audit event, for a transaction of another write (a plan action's
 * task completed with its action marked done): the put fails the transaction when the version exists.
 */
export function planVersionWrites(
  db: Db,
  latest: FamilyPlan | undefined,
  fields: Pick<FamilyPlan, 'goals' | 'review'> & { summary?: string },
  write: Omit<PlanWrite, 'also'>,
): TransactItem[] {
  return nextPlanVersionWrites(db, latest, fields, write).items;
}

/** `planVersionWrites` with the version they write (for a sync of the plan's tasks after them). */
export function nextPlanVersionWrites(
  db: Db,
  latest: FamilyPlan | undefined,
  fields: Pick<FamilyPlan, 'goals' | 'review'> & { summary?: string },
  write: Omit<PlanWrite, 'also'>,
): { plan: FamilyPlan; items: TransactItem[] } {
  const { plan, audit } = nextPlanVersion(latest, fields, write);
  return { plan, items: [planVersionPut(db, plan), auditPut(db, audit)] };
}
