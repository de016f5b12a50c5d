import { reportAccess } from '../shared/domain/access/rules';
import { claimDrillDown, claimDrillDownQuerySchema, claimWindowSchema } from '../shared/domain/claims/files';
import { defaultDb } from '../shared/adapters/data/db';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { forbidden, HttpProblem, notFound } from '../shared/http/problem';
import { parseQuery } from '../shared/http/query';

// GET /v1/claims/{window}/families?scope=&headline=&figure=: the families one figure of the claim file
// counts (case ids and references, why a family left the claim), so every figure can be traced to its
// cases; for the head of service, and a locality manager for their locality.

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const window = claimWindowSchema.safeParse(request.pathParameters.window ?? '');
  if (!window.success)
    throw new HttpProblem(400, 'A path parameter is not valid', {
      errors: [{ path: 'window', rule: 'quarter', message: 'a quarter such as 2026-27-Q3' }],
    });
  const query = parseQuery(claimDrillDownQuerySchema, request.query);
  const access = reportAccess(caller, query.scope);
  if (access === 'forbidden') throw forbidden('Only locality managers and the head of service read claims');
  if (access === 'hidden') throw notFound('No such claim');
  const items = await claimDrillDown(defaultDb(), window.data, query);
  if (!items) throw notFound('No claim for this window');
  return { status: 200, body: { window: window.data, ...query, items } };
});
