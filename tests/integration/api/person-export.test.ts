import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { indexForMatching } from '../../../shared/adapters/data/matches';
import type { Case } from '../../../shared/core/schemas/case';
import { runAdmin } from '../../../local/admin/cli';
import { newCase, referral } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// A subject access request about one person (issue #18, the family's rights): every case naming them
// (the same name and date of birth, found through the family-match index), each exported whole with
// them as the subject; a namesake with another date of birth is not theirs. Audited; written by the
// admin CLI to a file only its owner can read, never printed.

let api: TestApi;
const out = mkdtempSync(join(tmpdir(), 'sfw-person-export-'));

beforeAll(async () => {
  api = await startTestApi('person-export');
});

afterAll(async () => {
  await api?.close();
  rmSync(out, { recursive: true, force: true });
});

async function indexedCase(family: Case['referral']['family']): Promise<Case> {
  const record = await newCase(api.tables.db, { referral: referral({ family }, false) });
  await indexForMatching(api.tables.db, record.id, record.referral);
  return record;
}

describe('the subject access export of one person', () => {
  it('finds every case naming the person, not a namesake, and exports each with them as the subject', async () => {
    // Prepare: the same family referred twice; a namesake born another day in a third case
    const family = referral().family;
    const parent = family.members[0]!;
    const first = await indexedCase(family);
    const second = await indexedCase(family);
    const namesake = await indexedCase({
      ...referral().family,
      members: [{ ...parent, dateOfBirth: '1970-01-01' }, ...referral().family.members.slice(1)],
    });
    const token = await api.staffToken('admin');
    const person = {
      givenName: parent.givenName,
      familyName: parent.familyName,
      dateOfBirth: parent.dateOfBirth,
    };

    // Act
    const exported = await api.call('POST', '/v1/admin/subject-access', { token, body: person });
    const byWorker = await api.call('POST', '/v1/admin/subject-access', {
      token: await api.staffToken('fsw-blaby'),
      body: person,
    });
    const noBirthDate = await api.call('POST', '/v1/admin/subject-access', {
      token,
      body: { givenName: parent.givenName, familyName: parent.familyName },
    });

    // Assess
    expect(exported.status).toBe(200);
    expect(exported.body.cases.map((one: { case: Case }) => one.case.id)).toEqual(
      [first.id, second.id].sort(),
    );
    expect(exported.body.cases.map((one: { case: Case }) => one.case.id)).not.toContain(namesake.id);
    expect(exported.body.cases[0].subject).toBe(`${parent.givenName} ${parent.familyName}`);
    expect(exported.body.searched.matched).toBe(2);
    expect(byWorker.status).toBe(403);
    expect(noBirthDate.status).toBe(422);
    expect(noBirthDate.body.errors.map((error: { path: string }) => error.path)).toEqual(['dateOfBirth']);
    const searches = (await listAuditEvents(api.tables.db, 'staff#admin')).items.filter(
      (event) => event.action === 'person.exported',
    );
    expect(searches.at(-1)?.details).toMatchObject({ cases: 2 });
    expect(JSON.stringify(searches)).not.toContain(parent.familyName);
    const caseExports = (await listAuditEvents(api.tables.db, `case#${first.id}`)).items.filter(
      (event) => event.action === 'case.exported',
    );
    expect(caseExports).toHaveLength(1);
  });

  it('is what `npm run admin -- people export` writes to a file only its owner can read', async () => {
    const family = referral().family;
    const parent = family.members[0]!;
    const record = await indexedCase(family);
    const file = join(out, 'person.json');
    const lines: string[] = [];

    const code = await runAdmin(
      [
        'people',
        'export',
        '--given-name',
        parent.givenName,
        '--family-name',
        parent.familyName,
        '--dob',
        parent.dateOfBirth,
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
    expect(JSON.parse(readFileSync(file, 'utf8')).cases[0].case.reference).toBe(record.reference);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).toContain(record.reference);
    expect(lines.join('\n')).not.toContain(parent.familyName);
  });
});
