import { londonDate } from '../shared/core/calendar';
import { toFieldErrors, ValidationError } from '../shared/core/schemas/errors';
import { defaultScopeOf, produceForecast, whatIfScopeErrors } from '../shared/domain/forecast/forecast';
import { forecastQuerySchema, whatIfOf } from '../shared/domain/forecast/request';
import {
  forecastFormErrors,
  forecastPageData,
  forecastPageErrors,
  forecastQueryOf,
  forecastScopeItems,
} from '../shared/pages/forecast';
import { PageNotFound, pageHandler } from '../shared/pages/handler';
import { reportScopesOf } from '../shared/pages/reports';
import { configuredLocalities } from '../shared/core/config';

// GET /forecast: the next 13 or 26 weeks from today for a locality manager's locality or, for the
// head of service, any locality or the partnership, with one what-if beside the baseline. The form
// is a GET (nothing personal is asked), so a forecast can be bookmarked; each one shown is audited.

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const scopes = reportScopesOf(caller);
    if (scopes.length === 0) throw new PageNotFound();
    const today = londonDate(request.now);
    const asked = request.query.locality;
    const scope = asked && scopes.includes(asked) ? asked : defaultScopeOf(caller);
    if (!scopes.includes(scope)) throw new PageNotFound();
    const values = request.query;
    const page = (data: Record<string, unknown>, status = 200) => ({
      kind: 'page' as const,
      template: 'forecast',
      status,
      data: {
        title: 'Forecast',
        section: 'forecast',
        values,
        errors: { summary: [], byField: {} },
        scopeItems: forecastScopeItems(scopes, scope),
        localityItems: [
          { value: '', text: 'Choose a locality' },
          ...configuredLocalities()
            .filter((locality) => scope === 'partnership' || locality.id === scope)
            .map((locality) => ({
              value: locality.id,
              text: locality.name,
              selected: values.workersLocality === locality.id,
            })),
        ],
        manyScopes: scopes.length > 1,
        ...data,
      },
    });
    try {
      const missing = forecastFormErrors(values, scope);
      const asked = forecastQuerySchema.safeParse({
        ...forecastQueryOf(values, scope, today),
        locality: scope,
      });
      const schemaErrors = asked.success ? [] : toFieldErrors(asked.error, values);
      if (missing.length + schemaErrors.length > 0) throw new ValidationError([...missing, ...schemaErrors]);
      const query = asked.data!;
      const whatIf = whatIfOf(query);
      const errors = whatIfScopeErrors(scope, whatIf);
      if (errors.length > 0) throw new ValidationError(errors);
      const view = await produceForecast(
        request.db,
        caller,
        { scope, weeks: query.weeks ?? 13, whatIf },
        request.now,
      );
      return page({ forecast: view, ...forecastPageData(view) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page({ errors: forecastPageErrors(error.errors) }, 400);
    }
  },
  { access: 'staff' },
);
