import { noteCaseViewed } from '../shared/domain/case-record/views';
import { planView } from '../shared/domain/family-plan/plan';
import { setActionStatus, writePlan } from '../shared/domain/family-plan/plan-writes';
import { ConflictError, NotFoundError } from '../shared/adapters/data/db';
import { listPlanVersions } from '../shared/adapters/data/family-plan';
import { listPartners } from '../shared/adapters/data/partners';
import { agencyItems } from '../shared/pages/sharing-consents';
import { familyPlanBodySchema, planActionStatusBodySchema } from '../shared/core/schemas/family-plan';
import { parseOrThrow, ValidationError } from '../shared/core/schemas/errors';
import { planBodyFrom, planCharts, planFormErrors, planPageData } from '../shared/pages/family-plan';
import { caseSummary } from '../shared/pages/case-view';
import { type PageErrors, wholeNumber } from '../shared/pages/forms';
import { type PageRequest, PageNotFound, pageHandler } from '../shared/pages/handler';
import { keptCaseOf } from '../shared/pages/kept-case';
import type { Case } from '../shared/core/schemas/case';

// GET/POST /cases/{id}/plan: the family plan (what is late shown), a status form per action, one form
// to add a goal or an action, and the charts across reviews; for the people who keep the case record
// (anyone else: 404). Each post writes the plan's next version through the API's schemas.

const NO_ERRORS: PageErrors = { summary: [], byField: {} };
const STALE =
  'Someone changed the plan while you were looking at it: the latest version is shown. Make your change again.';

async function planPage(request: PageRequest, record: Case, status = 200, errors = NO_ERRORS) {
  const [versions, partners] = await Promise.all([
    listPlanVersions(request.db, record.id),
    listPartners(request.db),
  ]);
  const values = status === 200 ? {} : request.form;
  return {
    kind: 'page' as const,
    template: 'family-plan',
    status,
    data: {
      title: `Family plan ${record.reference}`,
      section: 'tasks',
      backLink: `/cases/${record.id}`,
      caseId: record.id,
      summary: caseSummary(record, request.staff!.role),
      ...planPageData(planView(versions, request.now), record.needs, values),
      ...planCharts(versions),
      revises: versions.at(-1)?.version ?? 0,
      agencies: agencyItems(partners),
      values,
      errors,
      saved: request.query.saved === '1',
    },
  };
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const record = await keptCaseOf(request);
    if (request.method === 'GET') {
      await noteCaseViewed(request.db, record.id, caller, 'family-plan', 'page', request.now);
      return planPage(request, record);
    }
    try {
      const actionId = request.form.actionId;
      if (typeof actionId === 'string' && actionId) {
        const body = { status: request.form.status, revises: wholeNumber(request.form, 'revises') };
        const parsed = parseOrThrow(planActionStatusBodySchema, body);
        await setActionStatus(request.db, record, caller, actionId, parsed, request.now);
      } else {
        const latest = (await listPlanVersions(request.db, record.id)).at(-1);
        const body = parseOrThrow(familyPlanBodySchema, planBodyFrom(latest, request.form));
        await writePlan(request.db, record, caller, body, request.now);
      }
      return { kind: 'redirect', location: `/cases/${record.id}/plan?saved=1` };
    } catch (error) {
      if (error instanceof NotFoundError) throw new PageNotFound();
      if (error instanceof ValidationError) {
        return planPage(request, record, 422, planFormErrors(error.errors));
      }
      if (!(error instanceof ConflictError)) throw error;
      const text =
        error.reason === 'stale-version'
          ? STALE
          : 'The plan is kept while the case is open and has a key worker.';
      return planPage(request, record, 409, { summary: [{ text, href: '#main-content' }], byField: {} });
    }
  },
  { access: 'staff' },
);
