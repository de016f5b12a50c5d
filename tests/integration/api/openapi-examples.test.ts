import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportTask } from '../../../shared/domain/reporting/tasks';
import { examplesOf } from '../../../shared/http/openapi';
import { completionExample } from '../../../shared/http/task-completion-examples';
import { updateCase } from '../../../shared/adapters/data/cases';
import { ACTOR, allocatedCase, NOW } from '../../support/records';
import { startTestApi, type TestApi } from './harness';
import { COUNTY } from '../../../shared/core/vocabulary/areas';
import { roleOwner } from '../../../shared/core/vocabulary/tasks';

// The document's request examples sent to the real server as they are: each is accepted (the journey's
// task outcomes are sent by tests/integration/stack/generated-client.test.ts; the report tasks' here).

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('openapi-examples', { engine: true, inbox: true });
});

afterAll(async () => {
  await api?.close();
});

const example = (key: string) => examplesOf(key)!.request as Record<string, unknown>;

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

  it('staff referral: the example, recorded by the duty team', async () => {
    const sent = await api.call('POST', '/v1/staff-referrals', {
      token: await api.staffToken('duty'),
      body: example('POST /v1/staff-referrals'),
      headers: { 'idempotency-key': 'openapi-example-staff-1' },
    });
    expect(sent.status, sent.text).toBe(201);
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

  it('extending support: the example accepted for a case in support, and its answer as documented', async () => {
    // Prepare: a Charnwood case moved on to support that ends before the example's date
    const allocated = await allocatedCase(api.tables.db, 'charnwood', 'fsw-charnwood');
    let record = allocated;
    for (const status of ['CONSENT', 'ASSESSMENT', 'SUPPORT'] as const) {
      record = await updateCase(api.tables.db, {
        id: record.id,
        expectedVersion: record.version,
        now: NOW,
        actor: ACTOR,
        status,
        ...(status === 'SUPPORT'
          ? { changes: { support: { startedOn: '2026-11-23', endsOn: '2027-02-23' } } }
          : {}),
      });
    }
    const documented = examplesOf('POST /v1/cases/{id}/extend-support')!.response as Record<string, unknown>;

    // Act
    const extend = await api.call('POST', `/v1/cases/${record.id}/extend-support`, {
      token: await api.staffToken('senior-charnwood'),
      body: example('POST /v1/cases/{id}/extend-support'),
    });

    // Assess
    expect(extend.status, extend.text).toBe(200);
    expect(extend.body).toEqual({ ...documented, caseId: record.id });
  });

  it('report tasks: each completion example accepted from the task owner', async () => {
    // Prepare: the three report tasks as the reporting cycle opens them
    const reports = [
      {
        type: 'quarterly-report',
        scope: 'charnwood',
        period: '2026-27-Q3',
        role: 'locality-manager',
        by: 'manager-charnwood',
      },
      { type: 'annual-report', scope: 'partnership', period: '2026-27', role: 'head-of-service', by: 'head' },
      {
        type: 'annual-conversation',
        scope: 'charnwood',
        period: '2026-27',
        role: 'locality-manager',
        by: 'manager-charnwood',
      },
    ] as const;
    const answers = [];
    for (const report of reports) {
      const area = report.scope === 'partnership' ? COUNTY : report.scope;
      const opened = await openReportTask(
        api.tables.db,
        {
          type: report.type,
          scope: report.scope,
          period: report.period,
          owner: roleOwner(report.role, area),
          area,
          dueDate: '2027-01-28',
          opensAt: '2027-01-01T09:00:00.000Z',
          uniqueKey: `openapi-example-${report.type}`,
          executionName: `openapi-example-${report.type}`,
        },
        '2027-01-01T09:00:00.000Z',
      );

      // Act
      const answer = await api.call('POST', `/v1/tasks/${opened.taskId}/complete`, {
        token: await api.staffToken(report.by),
        body: completionExample(report.type),
      });
      answers.push({ type: report.type, status: answer.status, body: answer.body, text: answer.text });
    }

    // Assess
    for (const answer of answers) {
      expect(answer.status, `${answer.type}: ${answer.text}`).toBe(200);
      expect(answer.body).toMatchObject({ status: 'COMPLETED', type: answer.type });
    }
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
