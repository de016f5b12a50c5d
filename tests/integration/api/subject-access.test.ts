import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../local/admin/cli';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// The family's rights (issue #18): every read of a case is recorded (who viewed it), and an
// administrator exports everything held about a case for a subject access request, as JSON or a
// printable page, with what may concern third parties marked, never removed; the export is audited.

let api: TestApi;
const out = mkdtempSync(join(tmpdir(), 'sfw-subject-access-'));

beforeAll(async () => {
  api = await startTestApi('subject-access');
});

afterAll(async () => {
  await api?.close();
  rmSync(out, { recursive: true, force: true });
});

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

describe('who viewed a case, and the subject access export', () => {
  it('records each read of a case and its record, and exports them with the third parties marked', async () => {
    // Prepare: the key worker opens the case and writes an entry; the senior reads the record
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const [parent, child] = record.referral.family.members.map((m) => `${m.givenName} ${m.familyName}`);
    await as('fsw-blaby', 'GET', `/v1/cases/${record.id}`);
    const entry = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/record`, {
      type: 'meeting',
      occurredAt: '2026-02-02T10:00:00.000Z',
      present: { family: [parent, child], agencies: ['Blaby School'] },
      text: 'Team around the family.',
    });
    await as('senior-blaby', 'GET', `/v1/cases/${record.id}/record`);
    await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/sharing-consents`, {
      partnerId: 'demo-school',
      purpose: 'plan-actions',
      givenBy: 'Mother',
      givenOn: '2026-02-02',
    });

    // Act
    const exported = await as(
      'admin',
      'GET',
      `/v1/admin/cases/${record.reference}/export?person=${encodeURIComponent(parent!.toLowerCase())}`,
    );

    // Assess: everything, with who viewed it
    expect(exported.status).toBe(200);
    const body = exported.body;
    expect(body.case.id).toBe(record.id);
    expect(body.chronology.map((version: { id: string }) => version.id)).toEqual([entry.body.id]);
    expect(body.sharingConsents).toMatchObject([
      { partnerId: 'demo-school', status: 'given', givenBy: 'Mother' },
    ]);
    expect(
      body.views.map((view: { viewer: string; what: string; via: string }) => [
        view.viewer,
        view.what,
        view.via,
      ]),
    ).toEqual([
      ['fsw-blaby', 'case', 'api'],
      ['senior-blaby', 'case-record', 'api'],
      ['admin', 'export', 'api'],
    ]);
    expect(body.tasks.every((task: Record<string, unknown>) => !('taskToken' in task))).toBe(true);
    // Assess: the referrer, the other family member and the agency are marked; the subject is not
    const marked = body.redactions.map((redaction: { path: string }) => redaction.path);
    expect(marked).toEqual(
      expect.arrayContaining([
        'case.referral.referrer.name',
        'case.referral.referrer.email',
        'case.referral.family.members.1',
        'chronology.0.present.agencies.0',
        'chronology.0.present.family.1',
        'chronology.0.text',
      ]),
    );
    expect(marked).not.toContain('case.referral.family.members.0');
    expect(marked).not.toContain('chronology.0.present.family.0');
    // Assess: the export is audited, with ids only
    const audit = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.find(
      (event) => event.action === 'case.exported',
    );
    expect(audit).toMatchObject({ actor: { id: 'admin' }, details: { format: 'json', subjectNamed: true } });
  });

  it('answers the printable page with the marked items highlighted, and refuses anyone but an administrator', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');

    const page = await as('admin', 'GET', `/v1/admin/cases/${record.id}/export?format=html`);
    const byWorker = await as('fsw-blaby', 'GET', `/v1/admin/cases/${record.id}/export`);
    const byHead = await as('head', 'GET', `/v1/admin/cases/${record.id}/export`);
    const missing = await as('admin', 'GET', '/v1/admin/cases/SLF-1999-99999/export');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(`Subject access export: case ${record.reference}`);
    expect(page.text).toMatch(/<tr class="redact">\s*<th scope="row">case\.referral\.referrer\.email<\/th>/);
    expect([byWorker.status, byHead.status, missing.status]).toEqual([403, 403, 404]);
  });

  it('is what `npm run admin -- cases export` writes to a file only its owner can read', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const file = join(out, 'export.html');
    const lines: string[] = [];

    const code = await runAdmin(
      [
        'cases',
        'export',
        record.reference,
        '--html',
        '--out',
        file,
        '--api-url',
        api.url,
        '--data-dir',
        api.dataDir,
      ],
      (line) => lines.push(line),
    );

    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`case ${record.reference}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).not.toContain(record.referral.family.members[0]!.familyName);
    await expect(
      runAdmin(
        ['cases', 'export', record.reference, '--api-url', api.url, '--data-dir', api.dataDir],
        () => undefined,
      ),
    ).rejects.toThrow('--out is required');
  });
});
