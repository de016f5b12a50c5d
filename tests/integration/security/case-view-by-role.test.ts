import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCase } from '../../../shared/adapters/data/cases';
import type { Case } from '../../../shared/core/schemas';
import { validPartnerReferral } from '../../support/fixtures';
import { cookieOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { ACTOR, NOW, newCase } from '../../support/records';
import { startTestApi, type TestApi } from '../api/harness';
import { STAFF_ROLES } from '../../../shared/core/vocabulary/roles';

// One rule decides what each role sees of a case (shared/domain/access/case-view.ts), and the API and the
// pages both follow it: people who work with the family see who they are; managers, the head of
// service and administrators never see a name, a date of birth, an address or the referrer's contact.

const PERSONAL = {
  givenName: 'Zebedee',
  familyName: 'Quartermaine',
  dateOfBirth: '2015-02-27',
  line1: '17 Orchid Terrace',
  postcode: 'LE11 7QX',
  referrerEmail: 'officer.vantongeren@police.example',
  referrerName: 'Morwenna Vantongeren',
  reason: 'Kestrelhurst school attendance',
};

const ROLES: {
  role: (typeof STAFF_ROLES)[number];
  username: string;
  sees: 'family' | 'facts' | 'nothing';
}[] = [
  { role: 'duty-social-worker', username: 'duty', sees: 'family' },
  { role: 'duty-manager', username: 'duty-manager', sees: 'family' },
  { role: 'hub-coordinator', username: 'hub-charnwood', sees: 'family' },
  { role: 'family-support-worker', username: 'fsw-charnwood', sees: 'family' },
  { role: 'senior', username: 'senior-charnwood', sees: 'family' },
  { role: 'locality-manager', username: 'manager-charnwood', sees: 'facts' },
  { role: 'head-of-service', username: 'head', sees: 'facts' },
  { role: 'administrator', username: 'admin', sees: 'nothing' },
];

let api: TestApi;
let record: Case;
const request = pageRequester(() => api.url);

beforeAll(async () => {
  api = await startTestApi('case-view-by-role', {
    env: { SIGN_IN_RATE_LIMIT: '1000', SIGN_IN_FAILURE_LIMIT: '1000' },
  });
  const referral = validPartnerReferral();
  referral.referrer.email = PERSONAL.referrerEmail;
  referral.referrer.name = PERSONAL.referrerName;
  referral.reason = `${PERSONAL.reason}.`;
  referral.family.members[1] = {
    givenName: PERSONAL.givenName,
    familyName: PERSONAL.familyName,
    dateOfBirth: PERSONAL.dateOfBirth,
    relationship: 'child',
  };
  referral.family.address = { line1: PERSONAL.line1, town: 'Loughborough', postcode: PERSONAL.postcode };
  const created = await newCase(api.tables.db, {
    referral: { ...referral, source: 'partner', partnerId: 'demo-police' } as never,
  });
  record = await updateCase(api.tables.db, {
    id: created.id,
    expectedVersion: created.version,
    now: NOW,
    actor: ACTOR,
    changes: { keyWorkerId: 'fsw-charnwood' },
    action: 'case.updated',
  });
});

afterAll(async () => {
  await api?.close();
});

/** Which of the seeded personal details a text shows (dates as stored or as the pages print them). */
function personalIn(text: string): string[] {
  const lower = text.toLowerCase();
  const shown = [
    PERSONAL.givenName,
    PERSONAL.familyName,
    PERSONAL.line1,
    PERSONAL.postcode,
    PERSONAL.referrerEmail,
    PERSONAL.referrerName,
    PERSONAL.reason,
  ].filter((value) => lower.includes(value.toLowerCase()));
  if (text.includes(PERSONAL.dateOfBirth) || text.includes('27 February 2015')) shown.push('date of birth');
  return shown;
}

describe('what each role sees of a case', () => {
  it('covers every staff role', () => {
    expect(ROLES.map((entry) => entry.role).sort()).toEqual([...STAFF_ROLES].sort());
  });

  it.each(ROLES)(
    '$role ($username) sees $sees, in the API and on the page alike',
    async ({ username, sees }) => {
      // Act
      const token = await api.staffToken(username);
      const fromApi = await api.call('GET', `/v1/cases/${record.id}`, { token });
      const password = api.demo.staff.find((member) => member.username === username)!.password;
      const { answer } = await signInThroughForm(request, username, password);
      const page = await request('GET', `/cases/${record.id}`, { cookie: cookieOf(answer.setCookie) });

      // Assess
      if (sees === 'nothing') {
        expect(fromApi.status).toBe(404);
        expect(page.status).toBe(404);
        return;
      }
      expect(fromApi.status).toBe(200);
      expect(page.status).toBe(200);
      expect(fromApi.body.case.reference).toBe(record.reference);
      // Possible matches may be other localities' records: only their count, never their ids.
      expect(fromApi.body.case).not.toHaveProperty('possibleDuplicates');
      expect(page.text).toContain(record.reference);
      if (sees === 'family') {
        expect(personalIn(fromApi.text)).toHaveLength(8);
        expect(personalIn(page.text)).toEqual(expect.arrayContaining([PERSONAL.givenName, PERSONAL.line1]));
      } else {
        expect(personalIn(fromApi.text)).toEqual([]);
        expect(personalIn(page.text)).toEqual([]);
        // The facts their work needs are still there.
        expect(fromApi.body.case).toMatchObject({ status: record.status, locality: 'charnwood' });
        expect(fromApi.body.case.referral.presentingNeeds).toEqual(record.referral.presentingNeeds);
      }
    },
  );
});
