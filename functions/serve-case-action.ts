import { canChangeCase, canSeeCase } from '../shared/domain/access/rules';
import { getCase } from '../shared/adapters/data/cases';
import { ConflictError } from '../shared/adapters/data/db';
import { caseSummary } from '../shared/pages/case-view';
import {
  CASE_ACTION_FORMS,
  checkCaseActionForm,
  isCaseAction,
  refusalText,
  runCaseAction,
  transferLocalities,
} from '../shared/pages/case-actions';
import { type PageErrors, pageErrors } from '../shared/pages/forms';
import { type PageRequest, PageNotFound, pageHandler } from '../shared/pages/handler';
import type { Case } from '../shared/core/schemas/case';
import { ValidationError } from '../shared/core/schemas/validation-error';

// GET/POST /cases/{id}/{action}: step up, withdraw, transfer or extend support from the case page,
// for whoever the access rules allow (anyone else: 404). GET shows the form and changes nothing.

const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const NO_ERRORS: PageErrors = { summary: [], byField: {} };

function actionPage(
  request: PageRequest,
  record: Case,
  action: keyof typeof CASE_ACTION_FORMS,
  options: { status?: number; errors?: PageErrors } = {},
) {
  const form = CASE_ACTION_FORMS[action];
  return {
    kind: 'page' as const,
    template: 'case-action',
    status: options.status ?? 200,
    data: {
      title: form.heading,
      section: 'tasks',
      backLink: `/cases/${record.id}`,
      action,
      form,
      caseId: record.id,
      summary: caseSummary(record, request.staff!.role),
      values: request.form,
      errors: options.errors ?? NO_ERRORS,
      localities: action === 'transfer' ? transferLocalities(record.locality, request.form) : [],
    },
  };
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const { id = '', action } = request.pathParameters;
    const record = CASE_ID.test(id) ? await getCase(request.db, id) : undefined;
    if (!record || !isCaseAction(action) || !canChangeCase(caller, record, action)) throw new PageNotFound();
    if (request.method === 'GET') return actionPage(request, record, action);

    const checked = checkCaseActionForm(action, request.form);
    if (!checked.ok) return actionPage(request, record, action, { status: 422, errors: checked.errors });
    const actor = { kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area } as const;
    try {
      await runCaseAction(action, record.id, actor, checked.body, request.now, request.db);
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = pageErrors(error.errors, CASE_ACTION_FORMS[action].fields);
        return actionPage(request, record, action, { status: 422, errors });
      }
      if (!(error instanceof ConflictError)) throw error;
      const summary = [{ text: refusalText(error), href: '#main-content' }];
      return actionPage(request, record, action, { status: 409, errors: { summary, byField: {} } });
    }
    // Back to the case page when the caller still sees the case; a case moved out of their area, or
    // one that left their caseload, gets its confirmation here (a refresh then answers 404, changing nothing).
    const after = await getCase(request.db, record.id);
    if (after && canSeeCase(caller, after)) {
      return { kind: 'redirect', location: `/cases/${record.id}?done=${action}` };
    }
    return {
      kind: 'page',
      template: 'case-action-done',
      data: {
        title: CASE_ACTION_FORMS[action].heading,
        message: CASE_ACTION_FORMS[action].done,
        reference: record.reference,
      },
    };
  },
  { access: 'staff' },
);
