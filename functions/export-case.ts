import { now } from '../shared/core/clock';
import { exportCase } from '../shared/domain/case-record/subject-access';
import { getCase, getCaseByReference } from '../shared/adapters/data/cases';
import { defaultDb } from '../shared/adapters/data/db';
import { caseExportQuerySchema } from '../shared/http/admin-bodies';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { parseQuery } from '../shared/http/query';
import { subjectAccessPage } from '../shared/pages/subject-access';
import { CASE_REFERENCE_PATTERN } from '../shared/core/vocabulary/case-reference';
import { pathId } from '../shared/http/path-params';

// GET /v1/admin/cases/{id}/export: a subject access export of one case (by id or reference), as JSON or
// as a printable page (`format=html`), with what may concern third parties marked; audited.

export const handler = httpHandler(async (request) => {
  const db = defaultDb();
  const id = pathId(request.pathParameters);
  const { person, format } = parseQuery(caseExportQuerySchema, request.query);
  const record = CASE_REFERENCE_PATTERN.test(id) ? await getCaseByReference(db, id) : await getCase(db, id);
  if (!record) throw notFound('No such case');
  const data = await exportCase(db, record, staffOf(request), {
    ...(person ? { subject: person } : {}),
    format,
    at: now(),
  });
  if (format === 'json') return { status: 200, body: data };
  return {
    status: 200,
    text: subjectAccessPage(data),
    headers: { 'content-type': 'text/html; charset=utf-8' },
  };
});
