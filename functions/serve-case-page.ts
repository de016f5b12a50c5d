import {
  canChangeCase,
  canDecideMatches,
  canKeepCaseRecord,
  canSeeCase,
  canSeeTask,
} from '../shared/domain/access/rules';
import { caseFor } from '../shared/domain/access/case-view';
import { readChronology } from '../shared/domain/case-record/chronology';
import { planView } from '../shared/domain/family-plan/plan';
import { caseOutcomes } from '../shared/domain/claims/outcomes';
import { outcomesView } from '../shared/pages/outcomes-view';
import { listPlanVersions } from '../shared/adapters/data/family-plan';
import { planCharts } from '../shared/pages/family-plan';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { linkedRecordsOf, possibleMatchesOf } from '../shared/domain/matching/matches';
import { matchRows } from '../shared/pages/matches-view';
import { londonDate } from '../shared/core/calendar/london';
import { listAuditEvents } from '../shared/adapters/data/audit';
import { getCase } from '../shared/adapters/data/cases';
import { listTasksForCase } from '../shared/adapters/data/tasks';
import { journeySteps } from '../shared/adapters/workflow/history';
import { CASE_ACTION_FORMS, CASE_ACTIONS, isCaseAction } from '../shared/pages/case-actions';
import { ENTRY_TYPE_ITEMS, entryView } from '../shared/pages/case-record';
import { caseSummary } from '../shared/pages/case-view';
import { PageNotFound, pageHandler } from '../shared/pages/handler';
import { type StarReading, starChart } from '../shared/pages/star-chart';
import { withoutToken } from '../shared/pages/task-lists';
import { stateLabel, timelineOf } from '../shared/pages/timeline';
import type { AuditEvent } from '../shared/core/schemas/audit';
import type { FamilyStar } from '../shared/core/schemas/family-star';
import { familyStarReadingOf } from '../shared/domain/tasks/types';
import type { Task } from '../shared/core/schemas/task';
import { isOpenStatus } from '../shared/core/vocabulary/cases';

// GET /cases/{id}: the case as the caller's role may see it: status, key worker, due dates, its
// journey as a timeline (audit events), its tasks past and open, and the Family Star chart.

const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const LATEST_ENTRIES = 3;

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
  // The types that take a reading say how (shared/domain/tasks/types: review, closure).
  const later = tasks
    .filter((task) => task.status === 'COMPLETED')
    .map((task) => ({ task, reading: familyStarReadingOf(task) }))
    .filter((entry) => entry.reading !== undefined)
    .sort((a, b) => (a.task.completedAt ?? '').localeCompare(b.task.completedAt ?? ''));
  const counts = new Map<string, number>();
  for (const { task, reading } of later) {
    const { star, on, label } = reading!;
    if (!star) continue;
    const count = (counts.get(task.type) ?? 0) + 1;
    counts.set(task.type, count);
    readings.push({ label: label(count), on, star });
  }
  return readings;
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const id = request.pathParameters.id ?? '';
    const record = CASE_ID.test(id) ? await getCase(request.db, id) : undefined;
    if (!record || !canSeeCase(caller, record)) throw new PageNotFound();
    await noteCaseViewed(request.db, record.id, caller, 'case', 'page', request.now);
    const keepsRecord = canKeepCaseRecord(caller, record);
    const [tasks, events, steps, matches, linked, entries, planVersions, outcomes] = await Promise.all([
      listTasksForCase(request.db, record.id),
      allAuditEvents(request, record.id),
      journeySteps(record.id),
      possibleMatchesOf(request.db, record, caller),
      linkedRecordsOf(request.db, record.id, caller),
      keepsRecord ? readChronology(request.db, record.id) : Promise.resolve([]),
      keepsRecord ? listPlanVersions(request.db, record.id) : Promise.resolve([]),
      keepsRecord && record.assessment
        ? caseOutcomes(request.db, record, request.now)
        : Promise.resolve(undefined),
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
        now: request.now.toISOString(),
        summary: caseSummary(record, caller.role),
        record: {
          status: record.status,
          supportLevel: record.supportLevel,
          keyWorkerId: record.keyWorkerId,
          // A practitioner's name and contact only for those who work with the family (the one rule).
          leadProfessional: caseFor(record, caller.role).leadProfessional,
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
        recordLink: keepsRecord,
        recordEntries: entries.length,
        // The latest few beside the journey; the filters open the whole chronology.
        latestEntries: entries.slice(0, LATEST_ENTRIES).map(entryView),
        entryTypes: ENTRY_TYPE_ITEMS,
        // The family plan: its late actions and each goal and carer's star across reviews (issue #18).
        plan: keepsRecord
          ? {
              versions: planVersions.length,
              late: planView(planVersions, request.now).late.length,
              ...planCharts(planVersions),
            }
          : undefined,
        // Supporting Families outcomes per need and whether the family is claimable (issue #19).
        outcomes: outcomes ? outcomesView(outcomes, record.assessment?.needs ?? []) : undefined,
        openTasks: open,
        pastTasks: sorted.filter((task) => task.status !== 'OPEN'),
        timeline: timelineOf(events),
        workflowSteps: steps?.map((step) => ({ ...step, label: stateLabel(step.state) })),
        linked: {
          id: 'linked-records',
          heading: 'Linked records (the same family)',
          empty: 'No record is linked to this one.',
          linkedOnly: true,
          caseId: record.id,
          total: linked.length,
          rows: matchRows(linked, caller),
          canDecide: false,
        },
        matches: {
          caseId: record.id,
          total: matches.total,
          rows: matchRows(matches.items, caller),
          canDecide: canDecideMatches(caller, record),
        },
        chart: starChart(starReadings(record.assessment?.familyStar, record.assessment?.completedOn, tasks)),
      },
    };
  },
  { access: 'staff' },
);
