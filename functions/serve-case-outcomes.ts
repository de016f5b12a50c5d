import { caseOutcomes, recordOutcomeEvidence } from '../shared/domain/claims/outcomes';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { ConflictError } from '../shared/adapters/data/db';
import { outcomeEvidenceBodySchema } from '../shared/core/schemas/claims';
import { parseOrThrow, ValidationError } from '../shared/core/schemas/errors';
import { caseSummary } from '../shared/pages/case-view';
import { type PageErrors, pageErrors } from '../shared/pages/forms';
import { type PageRequest, pageHandler } from '../shared/pages/handler';
import { keptCaseOf } from '../shared/pages/kept-case';
import { OUTCOME_FIELDS, outcomeBodyFrom, outcomeFormView } from '../shared/pages/outcomes-view';
import type { Case } from '../shared/core/schemas/case';

// GET /cases/{id}/outcomes: each identified need's outcome evidence, whether the family is claimable
// (or what is missing), and the form to record a need's evidence; POST records it (the same schema and
// rules as POST /v1/cases/{id}/outcomes). For the people who keep the case record (anyone else: 404).

const NO_ERRORS: PageErrors = { summary: [], byField: {} };

async function page(request: PageRequest, record: Case, status = 200, errors = NO_ERRORS) {
  const outcomes = await caseOutcomes(request.db, record, request.now);
  const values = status === 200 ? {} : request.form;
  return {
    kind: 'page' as const,
    template: 'case-outcomes',
    status,
    data: {
      title: `Supporting Families outcomes ${record.reference}`,
      section: 'tasks',
      backLink: `/cases/${record.id}`,
      caseId: record.id,
      summary: caseSummary(record, request.staff!.role),
      ...outcomeFormView(outcomes, record.assessment?.needs ?? [], values),
      values,
      errors,
      recorded: request.query.recorded === '1',
    },
  };
}

/** The API's 409 in words for the page; a stale version means someone else recorded it meanwhile. */
function conflictMessage(error: ConflictError): string {
  if (error.reason === 'stale-version') {
    return "This need's outcome evidence was changed after you opened the page, so yours was not recorded. Check the evidence as it is now and record it again if it still needs changing.";
  }
  if (error.reason === 'claimed')
    return 'The family has been claimed: its outcome evidence can no longer be changed.';
  return error.message;
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const record = await keptCaseOf(request);
    if (request.method === 'GET') {
      await noteCaseViewed(request.db, record.id, caller, 'outcomes', 'page', request.now);
      return page(request, record);
    }
    try {
      const body = parseOrThrow(outcomeEvidenceBodySchema, outcomeBodyFrom(request.form));
      await recordOutcomeEvidence(request.db, record, caller, body, request.now);
      return { kind: 'redirect', location: `/cases/${record.id}/outcomes?recorded=1` };
    } catch (error) {
      if (error instanceof ValidationError) {
        return page(request, record, 422, pageErrors(error.errors, OUTCOME_FIELDS));
      }
      if (!(error instanceof ConflictError)) throw error;
      return page(request, record, 409, {
        summary: [{ text: conflictMessage(error), href: '#outcome-evidence' }],
        byField: {},
      });
    }
  },
  { access: 'staff' },
);
