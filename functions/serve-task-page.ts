import { canCompleteTask, canSeeTask } from '../shared/domain/access/rules';
import { londonDate } from '../shared/core/calendar/london';
import { getCase } from '../shared/adapters/data/cases';
import { deleteDraft, getDraft, saveDraft } from '../shared/adapters/data/drafts';
import { getTask } from '../shared/adapters/data/tasks';
import { directory } from '../shared/adapters/identity/directory';
import { caseSummary } from '../shared/pages/case-view';
import { type FormValues, one } from '../shared/pages/forms';
import { PageNotFound, type PageOutcome, type PageRequest, pageHandler } from '../shared/pages/handler';
import { TASK_TYPE_LABELS } from '../shared/pages/labels';
import { outcomeRows } from '../shared/pages/outcome-view';
import { TASK_FORMS } from '../shared/pages/task-forms';
import { checkTaskForm, formErrors } from '../shared/pages/task-forms/check';
import { withoutToken } from '../shared/pages/task-lists';
import { MAX_GOALS, goalCount } from '../shared/pages/task-forms/goals';
import { ValidationError } from '../shared/core/schemas/validation-error';
import type { Task } from '../shared/core/schemas/task';
import { completeReportTask, isReportTaskType } from '../shared/domain/reporting/complete';
import { completeTask } from '../shared/domain/tasks/complete';

// GET/POST /tasks/{id}: the task's page. Opening it (GET) changes nothing; only a signed-in POST with
// the form's CSRF token completes the task, through the journey's completeTask, exactly as the API's
// POST /v1/tasks/{id}/complete does. Answers are kept as a draft on "Save draft", on every failed
// check, in the background while typing (pages.js), and when the session timed out mid-form.

const TASK_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

async function loadTask(request: PageRequest): Promise<Task> {
  const id = request.pathParameters.id ?? '';
  const task = TASK_ID.test(id) ? await getTask(request.db, id) : undefined;
  // Not the caller's to see: answered exactly as a task that does not exist.
  if (!task || !canSeeTask(request.staff!, task)) throw new PageNotFound();
  return task;
}

function valuesOf(form: FormValues): FormValues {
  const { action: _action, ...values } = form;
  return values;
}

async function taskPage(
  request: PageRequest,
  task: Task,
  options: {
    values?: FormValues;
    errors?: ReturnType<typeof formErrors>;
    status?: number;
    notice?: { text: string; success?: boolean };
    refused?: string;
  } = {},
): Promise<PageOutcome> {
  const caller = request.staff!;
  const record = task.caseId ? await getCase(request.db, task.caseId) : undefined;
  const form = TASK_FORMS[task.type];
  const canComplete = task.status === 'OPEN' && canCompleteTask(caller, task);
  const context = { db: request.db, task, record, caller, today: londonDate(request.now) };
  let values = options.values;
  let draftSavedAt: string | undefined;
  if (canComplete && !values) {
    const draft = await getDraft(request.db, task.id, caller.userId);
    values = draft?.values ?? form.initialValues?.(context) ?? {};
    draftSavedAt = draft?.savedAt;
  }
  values ??= {};
  const title = TASK_TYPE_LABELS[task.type];
  return {
    kind: 'page',
    template: 'task',
    status: options.status ?? 200,
    data: {
      title: task.caseReference ? `${title}: ${task.caseReference}` : title,
      heading: title,
      section: 'tasks',
      backLink: '/tasks',
      task: withoutToken(task),
      today: context.today,
      now: request.now.toISOString(),
      caseSummary: record ? caseSummary(record, caller.role) : undefined,
      canComplete,
      formTemplate: `${task.type}/form.njk`,
      values,
      goalCount: goalCount(values),
      maxGoals: MAX_GOALS,
      errors: options.errors ?? { summary: [], byField: {} },
      draftSavedAt,
      notice: options.notice,
      refused: options.refused,
      outcomeRows: task.status === 'COMPLETED' ? outcomeRows(task.outcome) : [],
      justCompleted: request.query.done === '1' && task.status === 'COMPLETED',
      ...(canComplete && form.viewData ? await form.viewData(context, values) : {}),
    },
  };
}

function closedMessage(task: Task): string {
  switch (task.status) {
    case 'COMPLETED':
      return 'This task has already been completed, so nothing was changed. Its outcome is shown below.';
    case 'CANCELLED':
      return 'This task was cancelled, so nothing was changed.';
    case 'TIMED_OUT':
      return 'This task timed out and the journey moved on, so nothing was changed.';
    default:
      return 'This task can no longer be completed, so nothing was changed.';
  }
}

async function post(request: PageRequest): Promise<PageOutcome> {
  const caller = request.staff!;
  const task = await loadTask(request);
  const action = one(request.form, 'action') || 'submit';
  const values = valuesOf(request.form);
  const autosave = request.view.headers['x-autosave'] === '1';
  if (task.status !== 'OPEN') {
    // A second submit, a click after a cancel: said plainly, nothing written.
    return taskPage(request, task, { status: 409, refused: closedMessage(task) });
  }
  if (!canCompleteTask(caller, task)) throw new PageNotFound();

  if (action === 'save-draft' || action === 'add-goal') {
    const saved =
      action === 'add-goal'
        ? { ...values, goalCount: String(Math.min(goalCount(values) + 1, MAX_GOALS)) }
        : values;
    await saveDraft(request.db, {
      taskId: task.id,
      userId: caller.userId,
      values: saved,
      savedAt: request.now.toISOString(),
    });
    if (autosave) return { kind: 'empty', status: 204 };
    return {
      kind: 'redirect',
      location: `/tasks/${task.id}${action === 'add-goal' ? `#plan-goals-${goalCount(saved) - 1}` : '?saved=1'}`,
    };
  }

  const checked = checkTaskForm(task.type, values);
  // Whatever happens next, what was typed is kept.
  await saveDraft(request.db, {
    taskId: task.id,
    userId: caller.userId,
    values,
    savedAt: request.now.toISOString(),
  });
  if (!checked.ok) return taskPage(request, task, { values, errors: checked.errors, status: 422 });
  const actor = { kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area } as const;
  try {
    // Report tasks are the reporting cycle's (no case to move); every other type is the journey's.
    const complete = isReportTaskType(task.type) ? completeReportTask : completeTask;
    await complete(request.db, task.id, actor, checked.outcome, request.now);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TaskNotOpenError') {
      const latest = (await getTask(request.db, task.id)) ?? task;
      return taskPage(request, latest, { status: 409, refused: closedMessage(latest) });
    }
    if (name === 'NotAllowedError') throw new PageNotFound();
    if (error instanceof ValidationError) {
      return taskPage(request, task, {
        values,
        errors: formErrors(task.type, values, error.errors),
        status: 422,
      });
    }
    if (['ConflictError', 'CapacityError', 'CaseEndedError', 'WrongTaskTypeError'].includes(name)) {
      return taskPage(request, task, {
        values,
        status: 409,
        errors: {
          summary: [{ text: conflictText(name, error as Error), href: '#main-content' }],
          byField: {},
        },
      });
    }
    throw error;
  }
  await deleteDraft(request.db, task.id, caller.userId);
  return { kind: 'redirect', location: `/tasks/${task.id}?done=1` };
}

function conflictText(name: string, error: Error): string {
  switch (name) {
    case 'CapacityError':
      return 'That key worker has no room for this family now. Choose another key worker.';
    case 'CaseEndedError':
      return 'The case has ended, so this task cannot be completed.';
    case 'WrongTaskTypeError':
      return 'This kind of task is completed from its own page.';
    default:
      return /no longer waiting/.test(error.message)
        ? 'This family has already been allocated a key worker, so nothing was changed.'
        : 'The case changed while you were working. Check the page and try again.';
  }
}

export const handler = pageHandler(
  async (request) => {
    if (request.method === 'POST') return post(request);
    const task = await loadTask(request);
    return taskPage(request, task, {
      ...(request.query.saved === '1' && task.status === 'OPEN'
        ? {
            notice: {
              text: 'Your draft has been saved. You can come back to it at any time.',
              success: true,
            },
          }
        : {}),
    });
  },
  {
    access: 'staff',
    // The session ran out while the form was open: keep what was typed for when they sign in again.
    async onExpiredPost(request, userId) {
      const id = request.pathParameters.id ?? '';
      const task = TASK_ID.test(id) ? await getTask(request.db, id) : undefined;
      if (task?.status !== 'OPEN') return undefined;
      const member = await directory().staffMember(userId);
      if (!member?.active) return undefined;
      if (!canCompleteTask({ kind: 'staff', userId, role: member.role, area: member.area }, task))
        return undefined;
      await saveDraft(request.db, {
        taskId: task.id,
        userId,
        values: valuesOf(request.form),
        savedAt: request.now.toISOString(),
      });
      return 'draft-saved';
    },
  },
);
