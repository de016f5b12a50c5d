import { reportAccess } from '../shared/domain/access/rules';
import {
  progressDrillDown,
  progressDrillDownQuerySchema,
  progressQuarterSchema,
} from '../shared/domain/progress-return/files';
import { defaultDb } from '../shared/adapters/data/db';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { forbidden, HttpProblem, notFound } from '../shared/http/problem';
import { parseQuery } from '../shared/http/query';

// GET /v1/progress-returns/{quarter}/families?scope=&headline=&figure=: the case references one figure of
// the quarterly progress information counts, so every figure can be traced to its cases; for the head
// of service, and a locality manager for their locality.

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const quarter = progressQuarterSchema.safeParse(request.pathParameters.quarter ?? '');
  if (!quarter.success)
    throw new HttpProblem(400, 'A path parameter is not valid', {
      errors: [{ path: 'quarter', rule: 'quarter', message: 'a quarter such as 2026-27-Q3' }],
    });
  const query = parseQuery(progressDrillDownQuerySchema, request.query);
  const access = reportAccess(caller, query.scope);
  if (access === 'forbidden')
    throw forbidden('Only locality managers and the head of service read the progress return');
  if (access === 'hidden') throw notFound('No such progress return');
  const items = await progressDrillDown(defaultDb(), quarter.data, query);
  return { status: 200, body: { quarter: quarter.data, ...query, items } };
});
