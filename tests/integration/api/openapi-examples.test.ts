import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_EXAMPLES } from '../../../shared/http/openapi-examples';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// The document's request examples sent to the real server as they are: each is accepted (the journey's
// task outcomes are sent by tests/integration/stack/generated-client.test.ts).

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('openapi-examples', { engine: true, inbox: true });
});

afterAll(async () => {
  await api?.close();
});

const example = (key: string) => ROUTE_EXAMPLES[key]!.request as Record<string, unknown>;

describe('the request examples of the document', () => {
  it('partner and self-referral: sent, and the partner referral withdrawn', async () => {
    const token = await api.partnerToken('demo-police');
    const sent = await api.call('POST', '/v1/referrals', {
      token,
      body: example('POST /v1/referrals'),
      headers: { 'idempotency-key': 'openapi-example-1' },
    });
    const withdrawn = await api.call('POST', `/v1/referrals/${sent.body.id}/withdraw`, {
      token,
      body: example('POST /v1/referrals/{id}/withdraw'),
    });
    const self = await api.call('POST', '/v1/self-referrals', { body: example('POST /v1/self-referrals') });

    expect(sent.status).toBe(201);
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(self.status, self.text).toBe(201);
  });

  it('sign-in: the example with a real password', async () => {
    const member = api.demo.staff.find((entry) => entry.username === 'hub-charnwood')!;
    const answer = await api.call('POST', '/v1/session', {
      body: { ...example('POST /v1/session'), password: member.password },
    });
    expect(answer.status, answer.text).toBe(201);
  });

  it('case actions: step up, withdraw and transfer; extending support is refused only for the state', async () => {
    const steppedUp = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const withdrawn = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const moved = await allocatedCase(api.tables.db, 'melton', 'fsw-melton');
    const senior = (area: string) => api.staffToken(`senior-${area}`);

    const stepUp = await api.call('POST', `/v1/cases/${steppedUp.id}/step-up`, {
      token: await senior('blaby'),
      body: example('POST /v1/cases/{id}/step-up'),
    });
    const withdraw = await api.call('POST', `/v1/cases/${withdrawn.id}/withdraw`, {
      token: await senior('blaby'),
      body: example('POST /v1/cases/{id}/withdraw'),
    });
    const transfer = await api.call('POST', `/v1/cases/${moved.id}/transfer`, {
      token: await senior('melton'),
      body: example('POST /v1/cases/{id}/transfer'),
    });
    const extend = await api.call('POST', `/v1/cases/${moved.id}/extend-support`, {
      token: await senior('blaby'),
      body: example('POST /v1/cases/{id}/extend-support'),
    });

    expect(stepUp.status, stepUp.text).toBe(200);
    expect(withdraw.status, withdraw.text).toBe(200);
    expect(transfer.status, transfer.text).toBe(200);
    // Not in support yet: the body passed validation, the case's state refused it.
    expect(extend.status, extend.text).toBe(409);
  });

  it('administration: a staff member added and changed, a partner registered', async () => {
    const token = await api.staffToken('admin');
    const added = await api.call('POST', '/v1/admin/staff', { token, body: example('POST /v1/admin/staff') });
    const changed = await api.call('PATCH', `/v1/admin/staff/${added.body?.staffMember?.id}`, {
      token,
      body: example('PATCH /v1/admin/staff/{id}'),
    });
    const partner = await api.call('POST', '/v1/admin/partners', {
      token,
      body: example('POST /v1/admin/partners'),
    });

    expect(added.status, added.text).toBe(201);
    expect(changed.status, changed.text).toBe(200);
    expect(partner.status, partner.text).toBe(201);
  });
});
