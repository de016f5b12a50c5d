import { reportAccess } from '../shared/domain/access/rules';
import { defaultDb } from '../shared/adapters/data/db';
import { staffOf } from '../shared/http/callers';
import { type ApiResponse, httpHandler } from '../shared/http/handler';
import { forbidden, HttpProblem, notFound } from '../shared/http/problem';
import { parseQuery } from '../shared/http/query';
import { reportCsv, reportView } from '../shared/domain/reporting/render';
import { findReport, reportAddressSchema, reportQuerySchema } from '../shared/domain/reporting/request';
import { parseOrThrow } from '../shared/core/schemas/errors';

// GET /v1/reports/{locality}/{quarter}[?version=N][&format=csv]: a stored performance report, as JSON
// (the record and its labelled rows) or, with `Accept: text/csv` or `format=csv`, as CSV; both are
// written from the same stored version, so they agree.

function addressOf(pathParameters: Record<string, string>) {
  try {
    return parseOrThrow(reportAddressSchema, {
      locality: pathParameters.locality ?? '',
      quarter: pathParameters.quarter ?? '',
    });
  } catch (error) {
    const errors = (error as { errors?: { path: string; rule: string; message: string }[] }).errors;
    throw new HttpProblem(400, 'A path parameter is not valid', { errors });
  }
}

function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? '');
}

export const handler = httpHandler(async (request): Promise<ApiResponse> => {
  const caller = staffOf(request);
  const address = addressOf(request.pathParameters);
  const query = parseQuery(reportQuerySchema, request.query);
  const access = reportAccess(caller, address.locality);
  if (access === 'forbidden') throw forbidden('Only locality managers and the head of service read reports');
  if (access === 'hidden') throw notFound('No such report');
  const report = await findReport(defaultDb(), address, query.version);
  if (!report) throw notFound('No such report');
  if (wantsCsv(query.format, request.header('accept'))) {
    return {
      status: 200,
      text: reportCsv(report),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="report-${report.scope}-${report.period}-v${report.version}.csv"`,
        vary: 'Accept',
      },
    };
  }
  return { status: 200, body: reportView(report), headers: { vary: 'Accept' } };
});
