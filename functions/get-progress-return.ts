import { reportAccess } from '../shared/domain/access/rules';
import {
  progressQuarterSchema,
  progressReturnCsv,
  progressReturnQuerySchema,
  readProgressReturn,
} from '../shared/domain/progress-return/files';
import { PARTNERSHIP } from '../shared/domain/tasks/types/report-scope';
import { defaultDb } from '../shared/adapters/data/db';
import { now } from '../shared/core/clock';
import { staffOf } from '../shared/http/callers';
import { type ApiResponse, httpHandler } from '../shared/http/handler';
import { forbidden, HttpProblem } from '../shared/http/problem';
import { parseQuery } from '../shared/http/query';

// GET /v1/progress-returns/{quarter}[?format=csv]: the programme's quarterly progress information
// (counts only, docs/progress-return.md) as JSON or CSV; the head of service reads every locality and
// the partnership, a locality manager their locality's rows.

export const handler = httpHandler(async (request): Promise<ApiResponse> => {
  const caller = staffOf(request);
  const quarter = progressQuarterSchema.safeParse(request.pathParameters.quarter ?? '');
  if (!quarter.success)
    throw new HttpProblem(400, 'A path parameter is not valid', {
      errors: [{ path: 'quarter', rule: 'quarter', message: 'a quarter such as 2026-27-Q3' }],
    });
  const query = parseQuery(progressReturnQuerySchema, request.query);
  if (reportAccess(caller, caller.area) === 'forbidden')
    throw forbidden('Only locality managers and the head of service read the progress return');
  const scope = reportAccess(caller, PARTNERSHIP) === 'allowed' ? undefined : caller.area;
  const file = await readProgressReturn(defaultDb(), quarter.data, now(), scope);
  if (query.format === 'csv') {
    return {
      status: 200,
      text: progressReturnCsv(file),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="progress-return-${file.quarter}.csv"`,
      },
    };
  }
  return { status: 200, body: file };
});
