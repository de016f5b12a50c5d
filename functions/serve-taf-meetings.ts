import { noteCaseViewed } from '../shared/domain/case-record/views';
import { readTafMeetings, recordTafMeeting } from '../shared/domain/family-plan/taf-meetings';
import { ConflictError } from '../shared/adapters/data/db';
import { listPlanVersions } from '../shared/adapters/data/family-plan';
import { tafMeetingBodySchema } from '../shared/core/schemas/taf-meeting';
import { parseOrThrow, ValidationError } from '../shared/core/schemas/errors';
import {
  actionRowsView,
  tafFormErrors,
  tafMeetingBodyFrom,
  tafMeetingView,
} from '../shared/pages/taf-meetings';
import { caseSummary } from '../shared/pages/case-view';
import type { PageErrors } from '../shared/pages/forms';
import { type PageRequest, pageHandler } from '../shared/pages/handler';
import { keptCaseOf } from '../shared/pages/kept-case';
import type { Case } from '../shared/core/schemas/case';

// GET /cases/{id}/taf-meetings: the case's Team Around the Family meetings; GET/POST
// /cases/{id}/taf-meetings/new: the form to record one, its actions going straight into the plan. For
// the people who keep the case record (anyone else: 404).

const NO_ERRORS: PageErrors = { summary: [], byField: {} };

async function page(request: PageRequest, record: Case, form: boolean, status = 200, errors = NO_ERRORS) {
  const [meetings, versions] = await Promise.all([
    readTafMeetings(request.db, record.id),
    listPlanVersions(request.db, record.id),
  ]);
  const plan = versions.at(-1);
  const values = status === 200 ? {} : request.form;
  return {
    kind: 'page' as const,
    template: form ? 'taf-meeting-form' : 'taf-meetings',
    status,
    data: {
      title:
        `${form ? 'Record a' : ''} Team Around the Family meeting${form ? '' : 's'} ${record.reference}`.trim(),
      section: 'tasks',
      backLink: form ? `/cases/${record.id}/taf-meetings` : `/cases/${record.id}`,
      caseId: record.id,
      summary: caseSummary(record, request.staff!.role),
      meetings: meetings.map((meeting) => tafMeetingView(meeting, plan)),
      hasPlan: Boolean(plan),
      actionRows: actionRowsView(values, plan),
      values,
      errors,
      recorded: request.query.recorded === '1',
    },
  };
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const record = await keptCaseOf(request);
    const form = request.path.split('?')[0]!.endsWith('/new');
    if (request.method === 'GET') {
      if (!form) await noteCaseViewed(request.db, record.id, caller, 'taf-meetings', 'page', request.now);
      return page(request, record, form);
    }
    try {
      const body = parseOrThrow(tafMeetingBodySchema, tafMeetingBodyFrom(request.form));
      await recordTafMeeting(request.db, record, caller, body, request.now);
      return { kind: 'redirect', location: `/cases/${record.id}/taf-meetings?recorded=1` };
    } catch (error) {
      if (error instanceof ValidationError) {
        return page(request, record, true, 422, tafFormErrors(error.errors, request.form));
      }
      if (!(error instanceof ConflictError)) throw error;
      const text =
        error.reason === 'stale-version'
          ? 'The plan changed while you were recording the meeting. Check the actions and record it again.'
          : 'Meetings are recorded while the case is open and has a key worker.';
      return page(request, record, true, 409, { summary: [{ text, href: '#main-content' }], byField: {} });
    }
  },
  { access: 'staff' },
);
