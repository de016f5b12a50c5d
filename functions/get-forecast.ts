import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { reportAccess } from '../shared/domain/access/rules';
import { defaultScopeOf, produceForecast, whatIfScopeErrors } from '../shared/domain/forecast/forecast';
import { forecastQuerySchema, whatIfOf } from '../shared/domain/forecast/request';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { forbidden, HttpProblem, notFound } from '../shared/http/problem';
import { parseQuery } from '../shared/http/query';

// GET /v1/forecast[?locality=&weeks=13|26&workers=&referralRate=&assessmentDays=&reviewWeeks=]: the next
// 13 or 26 weeks projected from today's position, with a what-if beside the baseline. Read like a
// report (locality managers their locality, the head of service all); aggregates only; audited.

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const query = parseQuery(forecastQuerySchema, request.query);
  const scope = query.locality ?? defaultScopeOf(caller);
  const access = reportAccess(caller, scope);
  if (access === 'forbidden')
    throw forbidden('Only locality managers and the head of service read forecasts');
  if (access === 'hidden') throw notFound('No forecast for that locality');
  const whatIf = whatIfOf(query);
  const errors = whatIfScopeErrors(scope, whatIf);
  if (errors.length > 0) throw new HttpProblem(400, 'A query parameter is not valid', { errors });
  const view = await produceForecast(defaultDb(), caller, { scope, weeks: query.weeks ?? 13, whatIf }, now());
  return { status: 200, body: view };
});
