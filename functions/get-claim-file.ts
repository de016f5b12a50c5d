import { reportAccess } from '../shared/domain/access/rules';
import {
  claimFileCsv,
  claimFileQuerySchema,
  claimWindowSchema,
  readClaimFile,
} from '../shared/domain/claims/files';
import { PARTNERSHIP } from '../shared/domain/tasks/types/report-scope';
import { defaultDb } from '../shared/adapters/data/db';
import { staffOf } from '../shared/http/callers';
import { type ApiResponse, httpHandler } from '../shared/http/handler';
import { forbidden, HttpProblem, notFound } from '../shared/http/problem';
import { parseQuery } from '../shared/http/query';

// GET /v1/claims/{window}[?format=csv]: a claim window's results claim file (counts only, docs/claims.md)
// as JSON or CSV; the head of service reads the whole file, a locality manager their locality's rows.

export const handler = httpHandler(async (request): Promise<ApiResponse> => {
  const caller = staffOf(request);
  const window = claimWindowSchema.safeParse(request.pathParameters.window ?? '');
  if (!window.success)
    throw new HttpProblem(400, 'A path parameter is not valid', {
      errors: [{ path: 'window', rule: 'quarter', message: 'a quarter such as 2026-27-Q3' }],
    });
  const query = parseQuery(claimFileQuerySchema, request.query);
  if (reportAccess(caller, caller.area) === 'forbidden')
    throw forbidden('Only locality managers and the head of service read claims');
  const scope = reportAccess(caller, PARTNERSHIP) === 'allowed' ? undefined : caller.area;
  const file = await readClaimFile(defaultDb(), window.data, scope);
  if (!file) throw notFound('No claim file for this window');
  if (query.format === 'csv') {
    return {
      status: 200,
      text: claimFileCsv(file),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="claim-${file.window}.csv"`,
      },
    };
  }
  return { status: 200, body: file };
});
