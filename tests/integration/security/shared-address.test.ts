import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, listPossibleDuplicates } from '../../../shared/adapters/data/cases';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { filledSelfReferralForm, validPartnerReferral } from '../../support/fixtures';
import { cookieOf, csrfOf, pageRequester } from '../../support/page-client';
import { startTestApi, type TestApi } from '../api/harness';

// A refuge or a hostel refers many families from one address: no number of matches may refuse a
// referral (issue 15). The case keeps a bounded summary; the full list stays queryable.

const REFERRALS = 25;
const ADDRESS = { line1: '1 Refuge Row', town: 'Loughborough', postcode: 'le11 9zz' };

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('shared-address', {
    engine: true,
    env: { SELF_REFERRAL_RATE_LIMIT: '1000' },
  });
});

afterAll(async () => {
  await api?.close();
});

function atTheRefuge(index: number) {
  const body = validPartnerReferral();
  body.family.address = { ...ADDRESS };
  body.family.members[1].givenName = `Child${index}`;
  return body;
}

describe('many referrals from one address', () => {
  it(`accepts ${REFERRALS} partner referrals and ${REFERRALS} public forms, and lists every match`, async () => {
    // Act: partner API
    const token = await api.partnerToken('demo-police');
    const ids: string[] = [];
    for (let index = 0; index < REFERRALS; index += 1) {
      const answer = await api.call('POST', '/v1/referrals', {
        token,
        body: atTheRefuge(index),
        headers: { 'idempotency-key': `refuge-${index}` },
      });
      expect(answer.status, answer.text).toBe(201);
      ids.push(answer.body.id);
    }
    // Act: the public form
    const request = pageRequester(() => api.url);
    const form = await request('GET', '/self-referral');
    const cookie = cookieOf(form.setCookie);
    const csrf = csrfOf(form.text);
    const references: string[] = [];
    for (let index = 0; index < REFERRALS; index += 1) {
      const answer = await request('POST', '/self-referral', {
        cookie,
        form: {
          _csrf: csrf,
          action: 'submit',
          ...filledSelfReferralForm({
            childName: `Robin${index}`,
            address: ADDRESS,
            locality: 'charnwood',
            reason: 'We have had to leave home.',
          }),
        },
      });
      expect(answer.status, answer.text.slice(0, 500)).toBe(200);
      const reference = /SLF-\d{4}-\d{5,}/.exec(answer.text)?.[0];
      expect(reference).toBeDefined();
      references.push(reference!);
      // The confirmation says, in words, that an immediate risk is phoned in (issue 17)
      expect(answer.text).toMatch(
        /immediate risk of harm.*First Response.*0116 305 0005.*999 in an emergency/s,
      );
    }

    // Assess: the last case carries a bounded summary and the full list is readable
    const last = (await getCase(api.tables.db, ids.at(-1)!))!;
    expect(last.possibleDuplicateCount).toBe(REFERRALS - 1);
    expect(last.possibleDuplicates.length).toBeLessThanOrEqual(10);
    const flagged = (await listAuditEvents(api.tables.db, `case#${last.id}`)).items.find(
      (event) => event.action === 'case.duplicate-flagged',
    );
    expect(flagged?.details).toMatchObject({ count: REFERRALS - 1 });
    expect(String(flagged?.details?.first).length).toBeLessThanOrEqual(500);
    const all = await listPossibleDuplicates(api.tables.db, last.id);
    expect(all).toEqual(expect.arrayContaining(ids.slice(0, -1)));
    expect(all).toHaveLength(2 * REFERRALS - 1);
    expect(all).not.toContain(last.id);
    expect(new Set(references).size).toBe(REFERRALS);
    // 50 referrals one after another, each matched against all before it: 13 s idle, past 60 s beside
    // three busy workers. The limit guards against a hang, not against slowness.
  }, 180_000);
});
