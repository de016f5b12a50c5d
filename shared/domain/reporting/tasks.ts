import { AlreadyExistsError, type Db } from '../../adapters/data/db';
import { createTask, requireTask } from '../../adapters/data/tasks';
import { SYSTEM_ACTOR, type Task } from '../../core/schemas';
import { notifyTask } from '../tasks/notify';
import { isReportTaskType, reportTaskDefinition } from '../tasks/types';
import type { ReportTask } from './cycle';
import { submitReport } from './reports';

// The reporting cycle's human tasks. Each is created once per natural key (`<type>:<scope>:<period>`),
// waited on by a human-task child execution named from the same key, and, once completed, turned
// into the frozen report version. Every step can run twice (a retried Lambda, a repeated cycle).

export interface OpenedTask {
  taskId: string;
  status: Task['status'];
  childName: string;
  generation: number;
}

/** Creates the task (or finds the one a previous run made) and emails its owner when it is new. */
export async function openReportTask(db: Db, spec: ReportTask, now: string): Promise<OpenedTask> {
  let task: Task;
  let announce: boolean;
  try {
    task = await createTask(
      db,
      { type: spec.type, period: spec.period, area: spec.area, owner: spec.owner, dueDate: spec.dueDate },
      { now, actor: SYSTEM_ACTOR, uniqueKey: spec.uniqueKey },
    );
    announce = true;
  } catch (error) {
    if (!(error instanceof AlreadyExistsError) || !error.existingId) throw error;
    task = await requireTask(db, error.existingId);
    // Made by this very step (a retry after a failure between the write and the email): announce it.
    announce = task.createdAt === now && task.status === 'OPEN';
  }
  if (announce) await notifyTask(db, 'assigned', task);
  return { taskId: task.id, status: task.status, childName: spec.executionName, generation: 1 };
}

export type ChildStatus = 'completed' | 'cancelled' | 'timed-out' | 'renew' | 'exists';

export interface RecordedTask extends OpenedTask {
  route: 'done' | 'wait';
  /** The report version the submission froze, when there is one. */
  reportVersion?: number;
}

/**
 * After the task's child execution ends: a completed report task becomes the submitted version; a
 * child renewed after its 60 days is followed by the next generation; anything else is finished.
 * `exists`: another run of the cycle already started this task's child and waits on it.
 */
export async function recordReportTask(
  db: Db,
  input: { spec: ReportTask; taskId: string; childStatus: ChildStatus; generation: number; now: string },
): Promise<RecordedTask> {
  const task = await requireTask(db, input.taskId);
  const base = {
    taskId: task.id,
    status: task.status,
    childName: input.spec.executionName,
    generation: input.generation,
  };
  if (task.status === 'OPEN') {
    if (input.childStatus !== 'renew') return { ...base, route: 'done' };
    const generation = input.generation + 1;
    return { ...base, route: 'wait', generation, childName: `${input.spec.executionName}-r${generation}` };
  }
  const definition = isReportTaskType(task.type) ? reportTaskDefinition(task.type) : undefined;
  if (task.status !== 'COMPLETED' || !definition?.submission) return { ...base, route: 'done' };

  const { commentary, improvementOptions, preventedEscalations, caseStudies } = definition.submission(
    definition.outcomeSchema.parse(task.outcome),
  );
  const report = await submitReport(db, {
    scope: input.spec.scope,
    period: input.spec.period,
    basedOnVersion: 1,
    commentary,
    ...(improvementOptions ? { improvementOptions } : {}),
    ...(preventedEscalations ? { preventedEscalations } : {}),
    ...(caseStudies ? { caseStudies } : {}),
    submittedBy: task.completedBy ?? 'unknown',
    now: task.completedAt ?? input.now,
  });
  return { ...base, route: 'done', reportVersion: report.version };
}
