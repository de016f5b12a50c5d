import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../../shared/adapters/data/cases';
import { createTask, getTask } from '../../../shared/adapters/data/tasks';
import type { Case } from '../../../shared/core/schemas';
import { validPartnerReferral } from '../../support/fixtures';
import { ACTOR, NOW, newCase, referral } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;

function selfReferral() {
  const body = validPartnerReferral();
  body.referrer = { name: 'Alex Example', phone: '07700 900123' };
  return body;
}

beforeAll(async () => {
  api = await startTestApi('self-tasks', {
    engine: true,
    // A window of about 31 years (edges in 2001 and 2033): the test's requests never straddle an edge.
    env: { SELF_REFERRAL_RATE_LIMIT: '2', SELF_REFERRAL_RATE_WINDOW_SECONDS: '1000000000' },
  });
});

afterAll(async () => {
  await api?.close();
});

describe('POST /v1/self-referrals', () => {
  it('takes a self-referral without a token, caps the body at 16 KB and the rate per caller', async () => {
    // Act
    const accepted = await api.call('POST', '/v1/self-referrals', { body: selfReferral() });
    const tooBig = await api.call('POST', '/v1/self-referrals', {
      body: { ...selfReferral(), reason: 'x'.repeat(17 * 1024) },
    });
    const third = await api.call('POST', '/v1/self-referrals', { body: { reason: '' } });
    // A body that fails validation does not count against the caller's limit of 2.
    const second = await api.call('POST', '/v1/self-referrals', { body: selfReferral() });
    const limited = await api.call('POST', '/v1/self-referrals', { body: selfReferral() });

    // Assess
    expect(accepted.status).toBe(201);
    expect(accepted.body.immediateRisk).toMatch(/immediate risk.*First Response.*0116 305 0005.*999/);
    const stored = await getCase(api.tables.db, accepted.body.id);
    expect(stored?.referral.source).toBe('self');
    expect(tooBig.status).toBe(413);
    expect(third.status).toBe(422);
    expect(second.status).toBe(201);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('POST /v1/tasks/{id}/complete', () => {
  let record: Case;

  beforeAll(async () => {
    record = await newCase(api.tables.db, { referral: referral({ locality: 'blaby' }) });
  });

  async function hubTask() {
    return createTask(
      api.tables.db,
      {
        type: 'hub-decision',
        caseId: record.id,
        caseReference: record.reference,
        area: 'blaby',
        owner: 'role:hub-coordinator:blaby',
        dueDate: '2026-11-30',
      },
      { now: NOW, actor: ACTOR },
    );
  }

  it('completes once with a valid outcome; the second time is a 409', async () => {
    const task = await hubTask();
    const token = await api.staffToken('hub-blaby');
    const outcome = {
      decision: 'family-support',
      supportLevel: 'standard',
      reason: 'Several needs; family agrees.',
    };

    const first = await api.call('POST', `/v1/tasks/${task.id}/complete`, { token, body: { outcome } });
    const second = await api.call('POST', `/v1/tasks/${task.id}/complete`, { token, body: { outcome } });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: task.id, status: 'COMPLETED', type: 'hub-decision' });
    expect((await getTask(api.tables.db, task.id))?.status).toBe('COMPLETED');
    expect(second.status).toBe(409);
  });

  it('validates the outcome for the task type, naming the field under outcome', async () => {
    const task = await hubTask();
    const answer = await api.call('POST', `/v1/tasks/${task.id}/complete`, {
      token: await api.staffToken('hub-blaby'),
      body: { outcome: { decision: 'maybe' } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].path).toMatch(/^outcome\.decision/);
    expect((await getTask(api.tables.db, task.id))?.status).toBe('OPEN');
  });

  it("refuses a `type` other than the task's (the document's discriminator), completing nothing", async () => {
    const task = await hubTask();
    const answer = await api.call('POST', `/v1/tasks/${task.id}/complete`, {
      token: await api.staffToken('hub-blaby'),
      body: { type: 'consent', outcome: { decision: 'nfa', reason: 'Needs already met.' } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'type', rule: 'task_type' })]);
    expect((await getTask(api.tables.db, task.id))?.status).toBe('OPEN');
  });

  it("answers 404 to another locality's coordinator and to a role that does not do hub decisions", async () => {
    const task = await hubTask();
    const melton = await api.call('POST', `/v1/tasks/${task.id}/complete`, {
      token: await api.staffToken('hub-melton'),
      body: { outcome: { decision: 'nfa' } },
    });
    const duty = await api.call('POST', `/v1/tasks/${task.id}/complete`, {
      token: await api.staffToken('duty'),
      body: { outcome: { decision: 'nfa' } },
    });
    expect(melton.status).toBe(404);
    expect(duty.status).toBe(404);
    expect((await getTask(api.tables.db, task.id))?.status).toBe('OPEN');
  });
});
