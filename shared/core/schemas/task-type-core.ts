import type * as z from 'zod';
import type { StaffRole } from '../vocabulary/roles';

// What a task type's shared/task-types/<type>/core.ts tells the vocabulary layer. It sits below the
// domain because core validates and stores outcomes and checks the timescales configuration, and core
// must not import the domain; `npm run task-types:write` gathers these files into the generated indexes.

export interface TaskTypeCore {
  /**
   * Where the type stands in every list of task types (TASK_TYPES: role lists, the API document's
   * enums and examples), lowest first: the journey's order, then the reporting and casework types.
   */
  order: number;
  /** What a completion records; the API and the pages validate with it. */
  outcomeSchema: z.core.$ZodType;
  /**
   * True when its due date is `timescales.tasks.<type>.dueInWorkingDays` working days after it opens:
   * the type is then in WORKING_DAY_TASK_TYPES and the configuration check requires that number.
   */
  dueInWorkingDays?: true;
}

/**
 * What a task type is, apart from what it does (its shared/task-types/<type>/facts.ts): read by lists,
 * access rules and escalation, which must not load the behaviour of domain.ts (it sends email and
 * answers task tokens). Its domain.ts spreads these into its definition.
 */
export interface TaskTypeFacts {
  type: string;
  /** `case`: a stage of the journey; `report`: the reporting cycle; `casework`: plan actions. */
  kind: 'case' | 'report' | 'casework';
  /** The one wording staff read, in the pages and in every email. */
  label: string;
  /** Who is told, in order, when the task is late (see EscalationChain in the domain's definition.ts). */
  escalation: readonly [StaffRole, ...StaffRole[]];
  /** Roles that work on the type: their lists show it and only they may act on it. */
  roles: readonly StaffRole[];
  /** Overseers who may complete it in their area besides its owner. */
  overseers: readonly StaffRole[];
}
