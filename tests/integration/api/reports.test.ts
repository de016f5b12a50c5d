import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putReportVersion } from '../../../shared/adapters/data/reports';
import type { Report } from '../../../shared/core/schemas';
import { csvLines, SAMPLE_QUARTER, sampleReport } from '../../support/sample-report';
import { startTestApi, type TestApi } from './harness';

// GET /v1/reports/{locality}/{quarter} over the real local server: who may read which scope, field
// errors for a bad address, versions, and JSON and CSV from the same stored version agreeing.

let api: TestApi;
const QUARTER = SAMPLE_QUARTER;

const stored = (scope: Report['scope'], version: number, extra: Partial<Report> = {}): Report =>
  sampleReport(scope, { version, extra: { createdAt: '2026-10-01T00:30:00.000Z', ...extra } });

/** The CSV answer as records by its header. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = csvLines(text);
  return lines.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i]!])));
}

beforeAll(async () => {
  api = await startTestApi('reports');
  const db = api.tables.db;
  await putReportVersion(db, stored('blaby', 1));
  await putReportVersion(
    db,
    stored('blaby', 2, {
      status: 'submitted',
      commentary: 'Assessments slipped over the summer.',
      submittedAt: '2026-10-20T10:00:00.000Z',
      submittedBy: 'manager-blaby',
      createdAt: '2026-10-20T10:00:00.000Z',
    }),
  );
  await putReportVersion(db, stored('melton', 1));
  await putReportVersion(db, stored('partnership', 1));
  await putReportVersion(db, { ...stored('partnership', 1), kind: 'annual', period: '2026-27' });
});

afterAll(async () => {
  await api?.close();
});

describe('GET /v1/reports/{locality}/{quarter}: who may read', () => {
  it("answers a locality manager their locality's latest version, as JSON with labelled rows", async () => {
    // Act
    const answer = await api.call('GET', `/v1/reports/blaby/${QUARTER}`, {
      token: await api.staffToken('manager-blaby'),
    });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({
      kind: 'quarterly',
      scope: 'blaby',
      period: QUARTER,
      version: 2,
      status: 'submitted',
      commentary: 'Assessments slipped over the summer.',
      submittedBy: 'manager-blaby',
    });
    expect(answer.body.metrics['referrals.received']).toEqual({ quarter: 3, yearToDate: 6 });
    expect(
      answer.body.rows.find(
        (row: { key: string; column: string }) =>
          row.key === 'assessments.onTimePercent' && row.column === 'quarter',
      ),
    ).toMatchObject({ label: 'Completed within timescale (%)', value: 66.7 });
  });

  it("hides another locality's and the partnership's reports from a manager, exactly as a missing one", async () => {
    const token = await api.staffToken('manager-blaby');

    const other = await api.call('GET', `/v1/reports/melton/${QUARTER}`, { token });
    const partnership = await api.call('GET', `/v1/reports/partnership/${QUARTER}`, { token });
    const missing = await api.call('GET', '/v1/reports/blaby/2019-20-Q1', { token });

    expect(other.status).toBe(404);
    expect(partnership.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
  });

  it("answers the head of service every locality's report, the partnership's and the annual report", async () => {
    const token = await api.staffToken('head');

    const melton = await api.call('GET', `/v1/reports/melton/${QUARTER}`, { token });
    const partnership = await api.call('GET', `/v1/reports/partnership/${QUARTER}`, { token });
    const annual = await api.call('GET', '/v1/reports/partnership/2026-27', { token });

    expect(melton.status).toBe(200);
    expect(melton.body).toMatchObject({ scope: 'melton', version: 1, status: 'draft' });
    expect(partnership.status).toBe(200);
    expect(partnership.body.scope).toBe('partnership');
    expect(annual.status).toBe(200);
    expect(annual.body).toMatchObject({ kind: 'annual', period: '2026-27' });
  });

  it('refuses every other staff role with 403, and partners and anonymous callers with 401', async () => {
    const roles = ['duty', 'hub-blaby', 'fsw-blaby', 'senior-blaby', 'admin'];

    const answers = await Promise.all(
      roles.map(async (username) =>
        api.call('GET', `/v1/reports/blaby/${QUARTER}`, { token: await api.staffToken(username) }),
      ),
    );
    const partner = await api.call('GET', `/v1/reports/blaby/${QUARTER}`, {
      token: await api.partnerToken('demo-police'),
    });
    const anonymous = await api.call('GET', `/v1/reports/blaby/${QUARTER}`);

    expect(answers.map((answer) => answer.status)).toEqual(roles.map(() => 403));
    expect(answers[0]!.headers.get('content-type')).toBe('application/problem+json');
    expect(partner.status).toBe(401);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /v1/reports/{locality}/{quarter}: the address and the version', () => {
  it('names the field at fault for a bad locality, quarter, version or format', async () => {
    const token = await api.staffToken('head');

    const locality = await api.call('GET', `/v1/reports/atlantis/${QUARTER}`, { token });
    const quarter = await api.call('GET', '/v1/reports/blaby/2026-Q5', { token });
    const years = await api.call('GET', '/v1/reports/blaby/2026-28-Q1', { token });
    const version = await api.call('GET', `/v1/reports/blaby/${QUARTER}?version=latest`, { token });
    const format = await api.call('GET', `/v1/reports/blaby/${QUARTER}?format=xml`, { token });

    for (const [answer, field] of [
      [locality, 'locality'],
      [quarter, 'quarter'],
      [years, 'quarter'],
      [version, 'version'],
      [format, 'format'],
    ] as const) {
      expect(answer.status, field).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual([field]);
    }
  });

  it('answers a named version, and 404 for a version never written', async () => {
    const token = await api.staffToken('manager-blaby');

    const draft = await api.call('GET', `/v1/reports/blaby/${QUARTER}?version=1`, { token });
    const none = await api.call('GET', `/v1/reports/blaby/${QUARTER}?version=9`, { token });

    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ version: 1, status: 'draft' });
    expect(draft.body.commentary).toBeUndefined();
    expect(none.status).toBe(404);
  });
});

describe('GET /v1/reports/{locality}/{quarter}: CSV', () => {
  it('answers CSV for Accept: text/csv and for format=csv, with the same figures as the JSON', async () => {
    const token = await api.staffToken('manager-blaby');

    const json = await api.call('GET', `/v1/reports/blaby/${QUARTER}`, { token });
    const byAccept = await api.call('GET', `/v1/reports/blaby/${QUARTER}`, {
      token,
      headers: { accept: 'text/csv' },
    });
    const byFormat = await api.call('GET', `/v1/reports/blaby/${QUARTER}?format=csv`, { token });

    expect(byAccept.status).toBe(200);
    expect(byAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(byAccept.headers.get('content-disposition')).toContain(`report-blaby-${QUARTER}-v2.csv`);
    expect(byFormat.text).toBe(byAccept.text);
    const csv = parseCsv(byAccept.text);
    const jsonRows = json.body.rows as { key: string; column: string; value: number }[];
    expect(csv).toHaveLength(jsonRows.length);
    expect(csv.map((row) => [row.metric, row.column, Number(row.value)])).toEqual(
      jsonRows.map((row) => [row.key, row.column, row.value]),
    );
    expect(new Set(csv.map((row) => `${row.scope} ${row.period} ${row.version} ${row.status}`))).toEqual(
      new Set([`blaby ${QUARTER} 2 submitted`]),
    );
  });

  it('keeps JSON when format=json even if the client also accepts CSV', async () => {
    const answer = await api.call('GET', `/v1/reports/blaby/${QUARTER}?format=json`, {
      token: await api.staffToken('manager-blaby'),
      headers: { accept: 'text/csv, application/json' },
    });

    expect(answer.status).toBe(200);
    expect(answer.body.version).toBe(2);
  });
});

describe('GET /v1/reports/{locality}/{quarter}: the OpenAPI document', () => {
  it('documents the JSON and CSV answers and the address parameters', async () => {
    const answer = await api.call('GET', '/openapi.json');

    const operation = answer.body.paths['/v1/reports/{locality}/{quarter}'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'locality',
      'quarter',
      'version',
      'format',
    ]);
    expect(operation.parameters[0].schema.enum).toContain('partnership');
  });
});
