import { canChangeCase, canSeeCase, canSeeTask } from '../shared/domain/access/rules';
import { londonDate } from '../shared/core/calendar/london';
import { listAuditEvents } from '../shared/adapters/data/audit';
import { getCase } from '../shared/adapters/data/cases';
import { listTasksForCase } from '../shared/adapters/data/tasks';
import { journeySteps } from '../shared/adapters/workflow/history';
import { CASE_ACTION_FORMS, CASE_ACTIONS, isCaseAction } from '../shared/pages/case-actions';
import { caseSummary } from '../shared/pages/case-view';
import { PageNotFound, pageHandler } from '../shared/pages/handler';
import { type StarReading, starChart } from '../shared/pages/star-chart';
import { withoutToken } from '../shared/pages/task-lists';
import { stateLabel, timelineOf } from '../shared/pages/timeline';
import type { AuditEvent } from '../shared/core/schemas/audit';
import { isOpenStatus } from '../shared/core/schemas/case';
import type { FamilyStar } from '../shared/core/schemas/family-star';
import type { Task } from '../shared/core/schemas/task';

// GET /cases/{id}: the case as the caller's role may see it: status, key worker, due dates, its
// journey as a timeline (audit events), its tasks past and open, and the Family Star chart.

const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

async function allAuditEvents(request: { db: Parameters<typeof listAuditEvents>[0] }, caseId: string) {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(request.db, `case#${caseId}`, {
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && events.length < 2000);
  return events;
}

function starReadings(
  baseline: FamilyStar | undefined,
  baselineOn: string | undefined,
  tasks: readonly Task[],
): StarReading[] {
  const readings: StarReading[] = baseline ? [{ label: 'Baseline', on: baselineOn, star: baseline }] : [];
  const later = tasks
    .filter((task) => task.status === 'COMPLETED' && (task.type === 'review' || task.type === 'closure'))
    .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  let review = 0;
  for (const task of later) {
    const outcome = task.outcome as {
      familyStar?: FamilyStar;
      heldOn?: string;
      outcomes?: { familyStar?: FamilyStar };
    };
    const star = task.type === 'review' ? outcome.familyStar : outcome.outcomes?.familyStar;
    if (!star) continue;
    if (task.type === 'review') review += 1;
    readings.push({
      label: task.type === 'review' ? `Review ${review}` : 'Closure',
      on: task.type === 'review' ? outcome.heldOn : task.completedAt?.slice(0, 10),
      star,
    });
  }
  return readings;
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const id = request.pathParameters.id ?? '';
    const record = CASE_ID.test(id) ? await getCase(request.db, id) : undefined;
    if (!record || !canSeeCase(caller, record)) throw new PageNotFound();
    const [tasks, events, steps] = await Promise.all([
      listTasksForCase(request.db, record.id),
      allAuditEvents(request, record.id),
      journeySteps(record.id),
    ]);
    const sorted = [...tasks]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((task) => ({ ...withoutToken(task), canSee: canSeeTask(caller, task) }));
    const open = sorted.filter((task) => task.status === 'OPEN');
    const done = request.query.done;
    const actions = isOpenStatus(record.status)
      ? CASE_ACTIONS.filter((action) => canChangeCase(caller, record, action)).map((action) => ({
          href: `/cases/${record.id}/${action}`,
          text: CASE_ACTION_FORMS[action].heading,
        }))
      : [];
    return {
      kind: 'page',
      template: 'case',
      data: {
        title: `Case ${record.reference}`,
        section: 'tasks',
        backLink: '/tasks',
        today: londonDate(request.now),
        summary: caseSummary(record, caller.role),
        record: {
          status: record.status,
          supportLevel: record.supportLevel,
          keyWorkerId: record.keyWorkerId,
          allocatedAt: record.allocatedAt,
          waitingSince: record.waitingSince,
          assessment: record.assessment
            ? {
                dueDate: record.assessment.dueDate,
                completedOn: record.assessment.completedOn,
                onTime: record.assessment.onTime,
              }
            : undefined,
          support: record.support,
          reviewCount: record.reviewCount,
          closure: record.closure,
          endedAt: record.endedAt,
        },
        notice: isCaseAction(done) ? CASE_ACTION_FORMS[done].done : undefined,
        actions,
        openTasks: open,
        pastTasks: sorted.filter((task) => task.status !== 'OPEN'),
        timeline: timelineOf(events),
        workflowSteps: steps?.map((step) => ({ ...step, label: stateLabel(step.state) })),
        chart: starChart(starReadings(record.assessment?.familyStar, record.assessment?.completedOn, tasks)),
      },
    };
  },
  { access: 'staff' },
);
