import { cases, type Db, TaskNotOpenError, tasks } from '../../adapters/data';
import { startHumanTaskExecution } from '../../adapters/workflow/executions';
import { logger } from '../../core/logger';
import { RENEW_TASK_WAIT_AFTER_DAYS, olderThan } from '../journey/limits';
import { type Case, SYSTEM_ACTOR, type Task } from '../../core/schemas';
import { cancelOne } from './cancel';
import { completeAsSystem } from './finish';
import { lookUpOwner, notifyTask } from './notify';
import { escalationTarget } from './owners';
import { type ChaseDecision, decideChase, secondsUntil } from './schedule';
import { taskTypeDefinition } from './types';
import { isOpenStatus } from '../../core/vocabulary/cases';
import { roleOwner } from '../../core/vocabulary/tasks';

// A wake-up of a human task's workflow (workflows/human-task.asl.json): send what is due (reminder to
// the owner, escalation to the next role in the chain), time the task out when its type says so, and
// answer how long to wait next. Emails go before the counters are recorded, so a failure in between
// repeats an email rather than losing one. A retried wake-up is idempotent by the task itself: the
// counters recorded by the first attempt say nothing more is due, and the answer (from the same `now`)
// is the same, so the handler needs no idempotency records (docs/decisions.md, Journey).

export type ChaseAction = 'wait' | 'timed-out' | 'renew';

export interface ChaseAnswer {
  action: ChaseAction;
  /** Seconds until the next wake-up (the wait's TimeoutSecondsPath). */
  waitSeconds: number;
}

const DAY_MS = 86_400_000;
/** The wait resumes at once and finds the task already handled (shared/domain/tasks/register.ts). */
const SETTLE: ChaseAnswer = { action: 'wait', waitSeconds: 1 };

export async function chaseTask(
  db: Db,
  input: { taskId: string; caseId?: string | undefined; now: string; startedAt?: string | undefined },
): Promise<ChaseAnswer> {
  // The case named by the execution's input is read with the task (one request); an execution started
  // without it (a report task, a parent running an older definition) reads the task, then its case.
  const read = input.caseId ? await tasks.getTaskWithCase(db, input.taskId, input.caseId) : undefined;
  let task = read?.task ?? (await tasks.requireTask(db, input.taskId));
  // A retried wake-up whose first attempt timed the task out gives the same answer again.
  if (task.status === 'TIMED_OUT') return { action: 'timed-out', waitSeconds: 1 };
  if (task.status !== 'OPEN') return SETTLE;

  const record = read ? read.record : task.caseId ? await cases.getCase(db, task.caseId) : undefined;
  if (record && !isOpenStatus(record.status)) {
    // The case ended without this task being cancelled (a race with a withdrawal): tidy it up now.
    await cancelOne(db, task.id, {
      actor: SYSTEM_ACTOR,
      reason: `case ${record.status.toLowerCase()}`,
      now: input.now,
      known: task,
    });
    return SETTLE;
  }
  const definition = taskTypeDefinition(task.type);
  if (definition.kind === 'casework' && record && definition.check) {
    // A plan action's task asks the plan again: a change a lost sync missed is put right here.
    const check = await definition.check(db, task, record);
    if (check.kind === 'cancel') {
      await cancelOne(db, task.id, {
        actor: SYSTEM_ACTOR,
        reason: check.reason,
        now: input.now,
        known: task,
      });
      return SETTLE;
    }
    if (check.kind === 'complete') {
      await completeAsSystem(db, task, check.outcome, input.now);
      return SETTLE;
    }
    if (check.kind === 'move') {
      try {
        task = await tasks.moveTask(db, task.id, { ...check, now: input.now, actor: SYSTEM_ACTOR }, task);
      } catch (error) {
        if (error instanceof TaskNotOpenError) return SETTLE;
        throw error;
      }
      if (check.owner) await notifyTask(db, 'assigned', task);
    }
  }
  const doneElsewhere = record && definition.kind === 'case' ? definition.doneElsewhere?.(record) : undefined;
  if (doneElsewhere) {
    // Its work was done another way (an allocation made automatically) but the task was not closed.
    await completeAsSystem(db, task, doneElsewhere, input.now);
    return SETTLE;
  }

  const decision = decideFor(task, input.now);
  try {
    if (decision.timeOut) {
      const timedOut = await tasks.timeOutTask(db, task.id, input.now, SYSTEM_ACTOR);
      await notifyTask(db, 'timed-out', timedOut);
      return { action: 'timed-out', waitSeconds: 1 };
    }
    if (decision.escalateTo !== undefined || decision.remind) {
      const escalatedTo =
        decision.escalateTo !== undefined
          ? escalationOwner(task, decision.escalateTo, record?.locality)
          : undefined;
      // Both due: the owner's addresses are looked up alongside the escalation's (sent in the same order).
      const early = escalatedTo && decision.remind ? lookUpOwner(db, task.owner) : undefined;
      if (escalatedTo) await notifyTask(db, 'escalated', task, escalatedTo);
      if (decision.remind) await notifyTask(db, 'reminder', task, task.owner, early);
      task = await tasks.recordChase(
        db,
        task.id,
        {
          now: input.now,
          actor: SYSTEM_ACTOR,
          ...decision.progress,
          ...(escalatedTo ? { escalatedTo } : {}),
        },
        task,
      );
    }
  } catch (error) {
    // Completed or cancelled while this wake-up ran: the next wait settles it.
    if (error instanceof TaskNotOpenError) return SETTLE;
    throw error;
  }

  if (olderThan(input.startedAt, input.now, RENEW_TASK_WAIT_AFTER_DAYS)) {
    if (definition.kind !== 'casework') return { action: 'renew', waitSeconds: 1 };
    // No parent waits on a casework task's execution to start the next: the chase starts it before
    // this one ends. Not started (throttled, a fault): keep waiting and try again in an hour.
    // The next generation's first wake-up would only read again what this one just read and decided:
    // it waits straight away to the next point unless one is due (firstWaitSeconds, as for a fresh task).
    try {
      await startHumanTaskExecution(
        task.id,
        renewedExecutionName(task.id, input.now),
        task.caseId ? { caseId: task.caseId, firstWait: firstWaitSeconds(task, record, input.now) } : {},
      );
      return { action: 'renew', waitSeconds: 1 };
    } catch (error) {
      logger.warn('plan task renewal not started', { taskId: task.id, error: (error as Error).name });
      return { action: 'wait', waitSeconds: 3600 };
    }
  }
  return { action: 'wait', waitSeconds: waitSecondsAfter(decision, input.startedAt ?? input.now, input.now) };
}

function decideFor(task: Task, now: string): ChaseDecision {
  return decideChase(
    {
      type: task.type,
      dueDate: task.dueDate,
      openedAt: task.createdAt,
      now,
      ...(task.priority === 'urgent' && task.dueAt ? { urgentDueAt: task.dueAt } : {}),
    },
    task,
  );
}

/** Until the next chase point, or (nothing more scheduled: an allocation waiting for a place) until the wait is renewed. */
function waitSecondsAfter(decision: ChaseDecision, startedAt: string, now: string): number {
  const renewAt = new Date(new Date(startedAt).getTime() + RENEW_TASK_WAIT_AFTER_DAYS * DAY_MS);
  const wakeAt = decision.nextAt && decision.nextAt < renewAt ? decision.nextAt : renewAt;
  return secondsUntil(wakeAt, now);
}

/**
 * The first wait of a task its opener has just created, or 0 when a chase must run first. The first
 * wake-up of a fresh task would read the task and the case again only to answer this: nothing is due
 * yet (no reminder counts before the task existed), so its wait runs to the first chase point. The
 * opener answers it instead (the human task's input `firstWait`: workflows/human-task.asl.json goes
 * straight to its wait), from the task it created and the case it read after creating it. A renewed
 * wait's next generation is answered the same way from the task and case its starter just read (the
 * journey's `open-task`, or the chase of a casework task that renews it). 0 whenever
 * that first wake-up would do anything but wait: the task is not open, the case has ended, its work
 * was done another way, or a point (an urgent task's escalation) is already due.
 */
export function firstWaitSeconds(task: Task, record: Case | undefined, now: string): number {
  if (task.status !== 'OPEN') return 0;
  if (record && !isOpenStatus(record.status)) return 0;
  const definition = taskTypeDefinition(task.type);
  if (record && definition.kind === 'case' && definition.doneElsewhere?.(record)) return 0;
  const decision = decideFor(task, now);
  if (decision.timeOut || decision.remind || decision.escalateTo !== undefined) return 0;
  return waitSecondsAfter(decision, now, now);
}

/**
 * The next generation of a casework task's human-task execution (the first is `plan-action-<taskId>`,
 * shared/domain/family-plan/plan-tasks.ts), named by the renewal's instant: a retried wake-up enters
 * with the same instant, so it names (and finds) the same execution.
 */
export function renewedExecutionName(taskId: string, now: Date | string): string {
  return `plan-action-${taskId}-r${Math.floor(new Date(now).getTime() / 1000)}`;
}

function escalationOwner(task: Task, level: number, locality: string | undefined): string {
  // Each type's own chain (its module): a late screen stays inside First Response, an overdue report
  // goes straight to the head of service (seeds/002's reporting duty).
  const { role, area } = escalationTarget(task.type, level, locality ?? task.area);
  return roleOwner(role, area);
}
