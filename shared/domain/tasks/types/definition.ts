import type * as z from 'zod';
import type { Db } from '../../../adapters/data';
import type { TransactItem } from '../../../adapters/data/db';
import { dueInWorkingDays, type IsoDate } from '../../../core/calendar';
import type { TimescalesConfig, WORKING_DAY_TASK_TYPES } from '../../../core/config';
import type { Case, FamilyStar, Task, TaskOutcomes, taskOutcomeSchemas } from '../../../core/schemas';
import type { TaskTypeFacts } from '../../../core/schemas/task-type-core';
import type { FamilyPlan } from '../../../core/schemas/family-plan';
import type { Route } from '../../journey/route';
import type { JourneyActor } from '../actor';
import type { CaseStatus } from '../../../core/vocabulary/cases';
import type { StaffRole } from '../../../core/vocabulary/roles';
import { workerOwner } from '../../../core/vocabulary/tasks';
import type { TaskType } from '../../../core/config/task-types.generated';

// What one task type is, in one place: its shared/task-types/<type>/domain.ts exports its whole
// definition and the generated registry.generated.ts lists every one against the TaskType union, so a
// type without a module, or a module without one of these pieces, does not compile. Everything that used to keep its own table
// or `switch` on the type (labels, owners, access, due dates, outcomes, routing, the journey's stage
// steps, the OpenAPI notes and examples) reads the registry instead.
//
// The outcome's zod schema is in the type's core.ts beside it (core validates and stores outcomes,
// and core must not import the domain); each module names its schema, typed so it can only be that
// type's.

/** Who a new task waits on, and the area whose overseers see it. */
export interface TaskOwnership {
  owner: string;
  /** The area whose overseers see the task: the case's locality, or the county for the duty team. */
  area: string;
}

/** The case's key worker owns the task (consent, assessment, review, closure). */
export function keyWorkerOwnership(
  type: TaskType,
  record: Pick<Case, 'locality' | 'keyWorkerId'>,
): TaskOwnership {
  if (!record.keyWorkerId) throw new RangeError(`a ${type} task needs the case's key worker`);
  return { owner: workerOwner(record.keyWorkerId), area: record.locality };
}

export interface DueDateContext {
  openedAt: Date | string;
  /** When the key worker was allocated: the assessment's timescale starts here. */
  allocatedAt?: string;
  /** The review's scheduled date. */
  reviewDue?: IsoDate;
}

export type WorkingDayTaskType = (typeof WORKING_DAY_TASK_TYPES)[number];

/**
 * `timescales.tasks.<type>.dueInWorkingDays` working days after `from`. Only the types the
 * configuration schema requires `dueInWorkingDays` of (WORKING_DAY_TASK_TYPES) may use it, so the
 * configuration check and the due rule cannot disagree.
 */
export function workingDaysDue(
  type: WorkingDayTaskType,
  from: Date | string,
  timescales: TimescalesConfig,
): IsoDate {
  const days = timescales.tasks[type].dueInWorkingDays;
  if (days === undefined) throw new RangeError(`timescales.tasks.${type}.dueInWorkingDays is not set`);
  return dueInWorkingDays(from, days);
}

/** What a completed task's outcome is applied with (the journey's record step). */
export interface OutcomeStep<T extends TaskType> {
  db: Db;
  record: Case;
  task: Task;
  now: string;
  /** The case already records this task's outcome (a retried step): only answer the route. */
  applied: boolean;
  /** The task's outcome, parsed with its type's schema (a call throws ValidationError when invalid). */
  outcome(): TaskOutcomes[T];
}

/**
 * The task's block in workflows/journey.asl.json, checked by workflows/definitions.ts:
 * `Open<stage>` (the open-task Lambda with this type) -> `<stage>Opened` -> `WaitFor<stage>` (a
 * human-task child execution) -> `Record<stage>` (the record-task-outcome Lambda) -> `After<stage>`,
 * whose choices cover `routes` besides the ones every stage has (end, repeat, renew, continue).
 */
export interface AslBlock {
  /** PascalCase stage name in the state names: `Screen` for OpenScreen, WaitForScreen... */
  stage: string;
  /** The state `ResumeAt` and a `repeat` go to: `Open<stage>`, or a step before it (Allocate). */
  entry: string;
  /** The state a `repeat` goes to when it is not `entry` (a review opens again without waiting). */
  repeat?: string;
  /** The routes the outcome can answer besides end, repeat, renew and continue. */
  routes: readonly Route[];
  /** Routes `<stage>Opened` answers besides wait and end (the work was done another way). */
  openedRoutes?: readonly Route[];
}

/** The task's stage in the family journey (shared/domain/journey/stages.ts). */
export interface JourneyStageDefinition<T extends TaskType> {
  asl: AslBlock;
  /**
   * True when another stage routes here inside the same execution (an old execution hands over to a
   * fresh one instead); false for the first stage and for the review, which opens in a fresh one.
   */
  routedInExecution: boolean;
  /** The case moves to `to` when the task opens while it is `from`. */
  statusOnOpen?: { from: CaseStatus; to: CaseStatus };
  /** A route instead of opening the task: its work was done another way before the step ran. */
  skipOpen?(record: Case): Route | undefined;
  /** The journey's timeout path (only types whose timescale has `timeoutWorkingDaysAfter`). */
  onTimeout?(db: Db, record: Case, task: Task, now: string): Promise<Route>;
  /** Applies the completed task's outcome to the case and answers where the journey goes next. */
  applyOutcome(step: OutcomeStep<T>): Promise<Route>;
}

/** A family-star reading the case page's chart takes from a completed task of this type. */
export interface FamilyStarReading<T extends TaskType> {
  read(outcome: TaskOutcomes[T], task: Task): { star?: FamilyStar; on?: string };
  /** The chart's label for the `count`th reading of this type (from 1). */
  label(count: number): string;
}

/**
 * Who hears when a task of the type is late, in order: escalation level 1 (the first of the type's
 * `escalateWorkingDaysAfter`) tells the first role, level 2 the second, and the last role is told again
 * at any further level. A county-wide role is told in the county, the others in the task's locality.
 * Everyone in the chain may complete the task (tests/unit/escalation-chains.test.ts checks it for every
 * type with the completion rule the API uses): an escalation asks somebody who can act.
 */
export type EscalationChain = readonly [StaffRole, ...StaffRole[]];

interface TaskTypeBase<T extends TaskType> {
  type: T;
  /** The one wording staff read, in the pages and in every email. */
  label: string;
  /** shared/core/schemas/outcomes.ts: what a completion records. */
  outcomeSchema: (typeof taskOutcomeSchemas)[T];
  /** Who is told, in order, when the task is late (the type's own chain). */
  escalation: EscalationChain;
  /** Roles that work on the type: their lists show it and only they may act on it (access rules). */
  roles: readonly StaffRole[];
  /**
   * Overseers who may complete it in their area besides its owner: escalation tells them, it does not
   * take the task from its owner, so a senior can step in on an overdue consent or assessment.
   */
  overseers: readonly StaffRole[];
  /** The API document (docs/openapi.json): what the outcome means, and a valid example. */
  api: { outcomeNote: string; outcomeExample: z.input<(typeof taskOutcomeSchemas)[T]> };
}

/** A task of a family's journey: opened by a journey stage, its outcome moves the case. */
export interface CaseTaskDefinition<T extends TaskType = TaskType> extends TaskTypeBase<T> {
  kind: 'case';
  /** The owner of a new task for the case as it stands. */
  owner(record: Pick<Case, 'locality' | 'keyWorkerId'>): TaskOwnership;
  /** The task's due date. */
  due(context: DueDateContext, timescales: TimescalesConfig): IsoDate;
  /**
   * Whether a new task for the case is urgent: first in every list, due in working hours
   * (`timescales.tasks.<type>.urgent`) instead of by `due`, its emails marked URGENT.
   */
  urgent?(record: Case): boolean;
  journey: JourneyStageDefinition<T>;
  /** Work done with a staff completion before the task is marked completed (allocation: the capacity transaction). */
  onComplete?(db: Db, task: Task, outcome: TaskOutcomes[T], actor: JourneyActor, now: string): Promise<void>;
  /**
   * Writes made in the completing transaction itself (the review's plan version), read afresh at each
   * attempt; may refuse the completion (ValidationError) before anything is written.
   */
  completionWrites?(
    db: Db,
    task: Task,
    outcome: TaskOutcomes[T],
    actor: JourneyActor,
    now: string,
    /**
     * A type that `writesPlan` tells it the plan's versions as these writes leave them (those read for
     * them and the one they write): the sync after the completion starts from them, not a second read.
     */
    written?: (versions: readonly FamilyPlan[]) => void,
  ): Promise<TransactItem[]>;
  /**
   * The completion writes a version of the family plan (the review): the case's plan-action tasks are
   * then brought in line with it at once, before the journey is resumed, as a staff write of the plan
   * does (shared/domain/tasks/complete.ts; the registry cannot reach the sync's emails and executions).
   */
  writesPlan?: true;
  /** The outcome the system completes the task with when a wake-up finds its work done another way. */
  doneElsewhere?(record: Case): TaskOutcomes[T] | undefined;
  familyStar?: FamilyStarReading<T>;
}

/** What a completed report task freezes as the report's submitted version. */
export interface ReportSubmission {
  commentary: string;
  improvementOptions?: string[];
  /** The annual report's interventions prevented and case studies (seeds/002 §43). */
  preventedEscalations?: string;
  caseStudies?: { title: string; story: string }[];
}

/** A task of the reporting cycle (workflows/reporting-cycle.asl.json): one per scope and period. */
export interface ReportTaskDefinition<T extends TaskType = TaskType> extends TaskTypeBase<T> {
  kind: 'report';
  /** The owner of the task for a scope (a locality id or `partnership`). */
  owner(scope: string): TaskOwnership;
  /** Due dates and opening times come from the reporting cycle's plan (shared/domain/reporting/cycle.ts). */
  due: 'reporting-cycle';
  /** The report version a completion freezes; absent when the task records no report. */
  submission?(outcome: TaskOutcomes[T]): ReportSubmission;
}

/**
 * A task of the work with a family that is neither a journey stage nor a reporting-cycle task: a
 * staff-owned action of the family plan, or the next Team Around the Family meeting
 * (shared/domain/family-plan/plan-tasks.ts). The domain creates it (once per action) and starts its own
 * human-task execution, which renews itself (shared/domain/tasks/chase.ts); no journey waits on it.
 */
export interface CaseworkTaskDefinition<T extends TaskType = TaskType> extends TaskTypeBase<T> {
  kind: 'casework';
  /** The owner of the case's tasks of this type as the case stands (a transfer moves them). */
  owner(record: Pick<Case, 'locality' | 'keyWorkerId'>): TaskOwnership;
  /**
   * Writes made in the completing transaction itself (the plan's action marked done with its task),
   * read afresh at each attempt. A type with them runs `afterComplete` only on a retry that finds the
   * task completed (by a request before these writes were made with it).
   */
  completionWrites?(
    db: Db,
    task: Task,
    outcome: TaskOutcomes[T],
    actor: JourneyActor,
    now: string,
  ): Promise<TransactItem[]>;
  /** Work done once the task is marked completed (the plan's action marked done); runs again on a retry. */
  afterComplete?(
    db: Db,
    task: Task,
    outcome: TaskOutcomes[T],
    actor: JourneyActor,
    now: string,
  ): Promise<void>;
  /** Each wake-up asks whether the task still stands as it is (its action finished, moved, reassigned). */
  check?(db: Db, task: Task, record: Case): Promise<CaseworkTaskCheck>;
}

/** What a wake-up does with a casework task before chasing it. */
export type CaseworkTaskCheck =
  | { kind: 'keep' }
  | { kind: 'cancel'; reason: string }
  /** Its work was done elsewhere (a plan action marked done in the plan): completed as the system. */
  | { kind: 'complete'; outcome: unknown }
  | { kind: 'move'; dueDate?: IsoDate; owner?: string };

/** What a type's domain.ts writes: its definition without the facts of its facts.ts. */
export type TaskBehaviour<D extends TaskTypeDefinition> = Omit<D, keyof TaskTypeFacts>;

/**
 * A type's definition: its facts (facts.ts) with its behaviour. Each domain.ts calls it as
 * `/* @__PURE__ *\/ withFacts(...)` (and any call in its arguments likewise), so the bundler drops a
 * definition nothing reads: an object literal spreading the facts could not be dropped (a spread may
 * run getters), and would keep every type's behaviour, the SES and Step Functions clients with it, in
 * every handler that reads a label. (esbuild 0.28 does not honour `@__NO_SIDE_EFFECTS__` on a function
 * imported from another file, so the mark is at each call.)
 */
export function withFacts<const F extends TaskTypeFacts, B extends object>(facts: F, behaviour: B): F & B {
  return { ...facts, ...behaviour };
}

export type TaskTypeDefinition<T extends TaskType = TaskType> =
  | CaseTaskDefinition<T>
  | ReportTaskDefinition<T>
  | CaseworkTaskDefinition<T>;

/** Every task type's definition, keyed by type: a missing type or piece is a compile error. */
export type TaskTypeRegistry = { [T in TaskType]: TaskTypeDefinition<T> };
