import { searchRecords } from '../shared/domain/matching/search';
import { ValidationError } from '../shared/core/schemas/validation-error';
import { searchBodySchema } from '../shared/http/case-action-bodies';
import { dateFrom, type FormValues, optional, pageErrors } from '../shared/pages/forms';
import { pageHandler } from '../shared/pages/handler';
import { searchRows, SEARCH_FIELDS } from '../shared/pages/matches-view';
import { parseOrThrow } from '../shared/core/schemas/errors';

// GET/POST /search: find a record by reference, name, date of birth or postcode. The form posts, so
// nothing searched for sits in a URL; the answer lists the records the caller may open (facts and a
// link), and the search is audited (shared/domain/matching/search.ts).

function bodyOf(form: FormValues) {
  const body = {
    reference: optional(form, 'reference')?.toUpperCase(),
    givenName: optional(form, 'givenName'),
    familyName: optional(form, 'familyName'),
    dateOfBirth: dateFrom(form, 'dateOfBirth'),
    postcode: optional(form, 'postcode'),
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const page = (data: Record<string, unknown>, status = 200) => ({
      kind: 'page' as const,
      template: 'search',
      status,
      data: {
        title: 'Find a record',
        section: 'search',
        values: request.form,
        errors: { summary: [], byField: {} },
        ...data,
      },
    });
    if (request.method === 'GET') return page({ values: {} });
    try {
      const body = parseOrThrow(searchBodySchema, bodyOf(request.form));
      const answer = await searchRecords(request.db, caller, body, request.now);
      return page({ searched: true, results: searchRows(answer.items, caller), truncated: answer.truncated });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page({ errors: pageErrors(error.errors, SEARCH_FIELDS) }, 422);
    }
  },
  { access: 'staff' },
);
