import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { updateCase } from '../../../shared/adapters/data/cases';
import { incrementMetrics } from '../../../shared/adapters/data/metrics';
import { allWorkers } from '../../../shared/adapters/data/workers';
import { londonDate } from '../../../shared/core/calendar';
import { lastFourQuarters } from '../../../shared/domain/forecast/learn';
import { ACTOR, allocatedCase, atHubDecision, NOW, newCase, referral } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// GET /v1/forecast over the real local server and DynamoDB Local: a locality's forecast from its
// position (families waiting, a family allocated) and its counters, the what-if beside the baseline,
// who may ask for what, field errors for bad input, nothing personal in the answer, and an audit event
// for each forecast produced.

let api: TestApi;
const waitingIds: string[] = [];
let allocatedId = '';

beforeAll(async () => {
  api = await startTestApi('forecast');
  const db = api.tables.db;
  for (let n = 0; n < 3; n += 1) {
    const created = await newCase(db, {
      referral: referral({ locality: 'melton', family: { ...referral().family } }),
    });
    const atHub = await atHubDecision(db, created, updateCase);
    const waiting = await updateCase(db, {
      id: atHub.id,
      expectedVersion: atHub.version,
      now: NOW,
      actor: ACTOR,
      status: 'WAITING_LIST',
      changes: { waitingSince: NOW },
    });
    waitingIds.push(waiting.id);
  }
  const meltonWorker = (await allWorkers(db, 'melton', 'family-support-worker'))[0]!;
  allocatedId = (await allocatedCase(db, 'melton', meltonWorker.id)).id;
  // A year of Melton's counters: 63 referrals a quarter, a mix of outcomes
  for (const quarter of lastFourQuarters(londonDate(new Date()))) {
    await incrementMetrics(db, `forecast-test#${quarter.id}`, [
      {
        scope: 'melton',
        period: quarter.id,
        increments: {
          'referrals.received': 63,
          'referrals.outcome.partner.allocated': 40,
          'referrals.outcome.partner.redirected': 8,
          'referrals.outcome.partner.nfa': 4,
          'families.engaged': 34,
          'assessments.completed': 30,
          'assessments.onTime': 27,
          'reviews.held': 25,
          'reviews.onTime': 22,
        },
      },
    ]);
  }
});

afterAll(async () => {
  await api?.close();
});

describe('GET /v1/forecast', () => {
  it("answers a locality manager their locality's 13 weeks from today's position, with nothing personal", async () => {
    const answer = await api.call('GET', '/v1/forecast', { token: await api.staffToken('manager-melton') });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ scope: 'melton', scopeName: 'Melton', weeks: 13, runs: 40 });
    expect(answer.body.weeks).toBe(13);
    expect(answer.body.baseline.weeks).toHaveLength(13);
    expect(answer.body.position).toMatchObject({ openCases: 4, waitingList: 3 });
    expect(answer.body.position.workers).toBeGreaterThan(0);
    expect(answer.body.basis.monthsLearned.melton).toHaveLength(12);
    expect(answer.body.whatIf).toBeUndefined();
    // Figures only: no case id, reference, name or worker id anywhere in the answer
    for (const id of [...waitingIds, allocatedId]) expect(answer.text).not.toContain(id);
    expect(answer.text).not.toMatch(/SLF-|Family|fsw-|manager-/);
  });

  it('sets a what-if beside the baseline: more workers, a shorter list', async () => {
    const today = londonDate(new Date());
    const answer = await api.call(
      'GET',
      `/v1/forecast?weeks=26&workers=melton:+3:${today}&referralRate=150`,
      { token: await api.staffToken('manager-melton') },
    );

    expect(answer.status).toBe(200);
    expect(answer.body.baseline.weeks).toHaveLength(26);
    expect(answer.body.whatIf.weeks).toHaveLength(26);
    expect(answer.body.whatIf.description).toBe(
      `3 more workers in melton from ${today}; referrals at 150% of the usual rate`,
    );
    expect(answer.body.whatIf.totals.referrals.median).toBeGreaterThan(
      answer.body.baseline.totals.referrals.median,
    );
  });

  it('audits each forecast produced, like a report', async () => {
    await api.call('GET', '/v1/forecast?locality=melton', { token: await api.staffToken('manager-melton') });

    const events = await listAuditEvents(api.tables.db, 'forecast#melton');
    expect(events.items.length).toBeGreaterThanOrEqual(1);
    expect(events.items.at(-1)).toMatchObject({
      action: 'forecast.produced',
      actor: { type: 'staff', id: 'manager-melton', role: 'locality-manager' },
      details: expect.objectContaining({ weeks: 13, runs: 40 }),
    });
  });

  it('answers the head of service the partnership by default, and any locality', async () => {
    const token = await api.staffToken('head');

    const partnership = await api.call('GET', '/v1/forecast', { token });
    const blaby = await api.call('GET', '/v1/forecast?locality=blaby', { token });

    expect(partnership.status).toBe(200);
    expect(partnership.body.scope).toBe('partnership');
    expect(partnership.body.position.waitingList).toBe(3);
    expect(blaby.status).toBe(200);
    expect(blaby.body.scope).toBe('blaby');
  });

  it("hides another locality's forecast from a manager, refuses other roles and anonymous callers", async () => {
    const manager = await api.staffToken('manager-melton');
    const other = await api.call('GET', '/v1/forecast?locality=blaby', { token: manager });
    const partnership = await api.call('GET', '/v1/forecast?locality=partnership', { token: manager });
    const worker = await api.call('GET', '/v1/forecast', { token: await api.staffToken('fsw-melton') });
    const anonymous = await api.call('GET', '/v1/forecast');

    expect(other.status).toBe(404);
    expect(partnership.status).toBe(404);
    expect(worker.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });

  it('refuses bad input with problem+json naming the field', async () => {
    const token = await api.staffToken('manager-melton');
    const cases: [string, string][] = [
      ['/v1/forecast?weeks=12', 'weeks'],
      ['/v1/forecast?workers=melton:two:2027-01-04', 'workers'],
      ['/v1/forecast?workers=blaby:+1:2027-01-04', 'workers'],
      ['/v1/forecast?referralRate=0', 'referralRate'],
      ['/v1/forecast?reviewWeeks=99', 'reviewWeeks'],
      ['/v1/forecast?colour=red', 'colour'],
    ];
    for (const [path, field] of cases) {
      const answer = await api.call('GET', path, { token });
      expect(answer.status, path).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual([field]);
    }
  });
});
