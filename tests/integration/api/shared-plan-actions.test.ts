import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { getCase, updateCase } from '../../../shared/adapters/data/cases';
import { listCaseViews } from '../../../shared/adapters/data/case-views';
import { listPlanVersions } from '../../../shared/adapters/data/family-plan';
import { notePartnerViewed } from '../../../shared/domain/case-record/views';
import { SCHOOL_PRACTITIONER, schoolAttendancePlan } from '../../support/fixtures';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// Partner practitioners on the team around the family (issue #18): through the partner API, and only
// within what the family consented to share, they read the plan actions their agency owns and post
// updates on them; nothing else of the case. Another agency, an agency after consent is withdrawn, and
// a token without the team scopes all see nothing.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('shared-plan-actions');
});

afterAll(async () => {
  await api?.close();
});

const plan = schoolAttendancePlan({
  what: 'Police liaison visit',
  owner: { ...SCHOOL_PRACTITIONER, agency: 'Demo Police', partnerId: 'demo-police' },
  dueOn: '2099-02-01',
});

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

async function asPartner(name: string, method: string, path: string, body?: unknown, scope?: string) {
  return api.call(method, path, { token: await api.partnerToken(name, scope), ...(body ? { body } : {}) });
}

async function caseWithPlan() {
  const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
  const written = await as('fsw-blaby', 'PUT', `/v1/cases/${record.id}/plan`, plan);
  expect(written.status).toBe(201);
  const actions = written.body.goals[0].actions as { id: string; what: string }[];
  return { record, schoolAction: actions[1]!, policeAction: actions[2]!, keyWorkerAction: actions[0]! };
}

const consent = {
  partnerId: 'demo-school',
  purpose: 'plan-actions',
  givenBy: 'Mother',
  givenOn: '2026-01-10',
};
const ours = (items: { caseId: string }[], caseId: string) => items.filter((item) => item.caseId === caseId);

describe('plan actions shared with a partner agency', () => {
  it('shows an agency only its own actions, only with consent, and takes them away when consent is withdrawn', async () => {
    // Prepare
    const { record, schoolAction } = await caseWithPlan();
    const listPath = '/v1/shared/plan-actions';
    const before = await asPartner('demo-school', 'GET', listPath);
    await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/sharing-consents`, consent);

    // Act
    const school = await asPartner('demo-school', 'GET', listPath);
    const police = await asPartner('demo-police', 'GET', listPath);
    const updated = await asPartner('demo-school', 'POST', `${listPath}/${record.id}/${schoolAction.id}`, {
      status: 'in-progress',
      note: 'Met Jay on Monday; he chose the Tuesday club.',
    });
    const noteOnly = await asPartner('demo-school', 'POST', `${listPath}/${record.id}/${schoolAction.id}`, {
      note: 'Second week went well.',
    });
    await as(
      'senior-blaby',
      'POST',
      `/v1/cases/${record.id}/sharing-consents/demo-school/plan-actions/withdraw`,
      {
        withdrawnBy: 'Mother',
        withdrawnOn: '2026-01-20',
      },
    );
    const afterWithdrawal = await asPartner('demo-school', 'GET', listPath);
    const refused = await asPartner('demo-school', 'POST', `${listPath}/${record.id}/${schoolAction.id}`, {
      status: 'done',
    });

    // Assess
    expect(ours(before.body.items, record.id)).toEqual([]);
    expect(school.status).toBe(200);
    expect(ours(school.body.items, record.id)).toMatchObject([
      { actionId: schoolAction.id, what: 'Weekly check-in at school', status: 'not-started', updates: [] },
    ]);
    expect(Object.keys(school.body.items[0]).sort()).toEqual(
      [
        'actionId',
        'caseId',
        'dueOn',
        'late',
        'owner',
        'planVersion',
        'reference',
        'status',
        'updates',
        'what',
      ].sort(),
    );
    expect(ours(police.body.items, record.id)).toEqual([]);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ status: 'in-progress', planVersion: 2 });
    expect(noteOnly.body.updates.map((update: { note: string }) => update.note)).toEqual([
      'Met Jay on Monday; he chose the Tuesday club.',
      'Second week went well.',
    ]);
    expect(noteOnly.body.planVersion).toBe(2);
    expect(ours(afterWithdrawal.body.items, record.id)).toEqual([]);
    expect(refused.status).toBe(404);
    const versions = await listPlanVersions(api.tables.db, record.id);
    expect(versions.map((version) => [version.version, version.change, version.writtenBy])).toEqual([
      [1, 'written', 'fsw-blaby'],
      [2, 'action-status', 'demo-school'],
    ]);
    const audit = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items;
    expect(
      audit.filter((event) => event.actor.type === 'partner').map((event) => [event.action, event.actor.id]),
    ).toEqual([
      ['case.plan-written', 'demo-school'],
      ['case.plan-action-updated', 'demo-school'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('Tuesday club');
  });

  it("refuses another agency's action, the key worker's, a token without the team scope, and an empty update", async () => {
    // Prepare
    const { record, policeAction, keyWorkerAction, schoolAction } = await caseWithPlan();
    await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/sharing-consents`, consent);
    const path = (actionId: string) => `/v1/shared/plan-actions/${record.id}/${actionId}`;

    // Act
    const others = await asPartner('demo-school', 'POST', path(policeAction.id), { status: 'done' });
    const keyWorkers = await asPartner('demo-school', 'POST', path(keyWorkerAction.id), { status: 'done' });
    const policeNoConsent = await asPartner('demo-police', 'POST', path(policeAction.id), { status: 'done' });
    const referralsOnly = await asPartner(
      'demo-school',
      'GET',
      '/v1/shared/plan-actions',
      undefined,
      'referrals/read',
    );
    const empty = await asPartner('demo-school', 'POST', path(schoolAction.id), {});

    // Assess
    expect([others.status, keyWorkers.status, policeNoConsent.status]).toEqual([404, 404, 404]);
    expect(referralsOnly.status).toBe(403);
    expect(empty.status).toBe(422);
    expect(empty.body.errors.map((error: { path: string }) => error.path)).toEqual(['note']);
    expect((await listPlanVersions(api.tables.db, record.id)).length).toBe(1);
  });

  it('ends with the case: a closed case shares nothing', async () => {
    const { record, schoolAction } = await caseWithPlan();
    await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/sharing-consents`, consent);
    const open = await asPartner('demo-school', 'GET', '/v1/shared/plan-actions');
    const current = (await getCase(api.tables.db, record.id))!;
    await updateCase(api.tables.db, {
      id: record.id,
      expectedVersion: current.version,
      now: new Date().toISOString(),
      actor: { type: 'system', id: 'test' },
      status: 'CLOSED',
    });

    const closed = await asPartner('demo-school', 'GET', '/v1/shared/plan-actions');
    const refused = await asPartner(
      'demo-school',
      'POST',
      `/v1/shared/plan-actions/${record.id}/${schoolAction.id}`,
      {
        status: 'done',
      },
    );

    expect(ours(open.body.items, record.id)).toHaveLength(1);
    expect(ours(closed.body.items, record.id)).toEqual([]);
    expect(refused.status).toBe(404);
  });

  it("records a partner's read as one view of each case it returned a day, shown in the export as the agency's", async () => {
    // Prepare: two cases shared with the school, each with an action the school owns
    const first = await caseWithPlan();
    const second = await caseWithPlan();
    for (const { record } of [first, second]) {
      await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/sharing-consents`, consent);
    }
    const listPath = '/v1/shared/plan-actions';
    await as('fsw-blaby', 'GET', `/v1/cases/${first.record.id}`);
    const staffViews = await listCaseViews(api.tables.db, first.record.id);

    // Act: the school reads twice today (and once racing itself), then the next day's read (injected time)
    const read = await asPartner('demo-school', 'GET', listPath);
    const racing = await Promise.all([
      asPartner('demo-school', 'GET', listPath),
      asPartner('demo-school', 'GET', listPath),
    ]);
    const sameDay = await Promise.all(
      [first, second].map(async ({ record }) => listCaseViews(api.tables.db, record.id)),
    );
    const partnerView = sameDay[0]!.find((view) => view.partner)!;
    const nextDay = new Date(Date.parse(partnerView.at) + 24 * 60 * 60 * 1000);
    const written = await notePartnerViewed(
      api.tables.db,
      [first.record.id, second.record.id, first.record.id],
      { partnerId: 'demo-school', clientId: partnerView.partner!.clientId },
      nextDay,
    );
    const again = await notePartnerViewed(
      api.tables.db,
      [first.record.id],
      { partnerId: 'demo-school', clientId: partnerView.partner!.clientId },
      nextDay,
    );
    const exported = await as('admin', 'GET', `/v1/admin/cases/${first.record.id}/export`);

    // Assess: one partner view per case for today, whatever the number of reads
    expect(read.status).toBe(200);
    expect(racing.map((one) => one.status)).toEqual([200, 200]);
    for (const views of sameDay) {
      const partners = views.filter((view) => view.partner);
      expect(partners).toHaveLength(1);
      expect(partners[0]).toMatchObject({
        viewer: 'demo-school',
        role: 'partner',
        what: 'plan-actions',
        via: 'api',
        partner: { agency: 'demo-school' },
      });
      expect(Object.keys(partners[0]!.partner!).sort()).toEqual(['agency', 'clientId']);
    }
    // the next day: one more per case (the repeated case id counted once), and a second read none
    expect(written).toBe(2);
    expect(again).toBe(0);
    const later = await listCaseViews(api.tables.db, second.record.id);
    expect(later.filter((view) => view.partner)).toHaveLength(2);
    // staff views unchanged: no partner on them
    expect(staffViews.length).toBeGreaterThan(0);
    for (const view of staffViews) {
      expect(view.partner).toBeUndefined();
      expect(view.role).not.toBe('partner');
    }
    // the export shows the agency's views, with no person named
    expect(exported.status).toBe(200);
    const exportedPartners = (exported.body.views as { partner?: { agency: string } }[]).filter(
      (view) => view.partner,
    );
    expect(exportedPartners.map((view) => view.partner!.agency)).toEqual(['demo-school', 'demo-school']);
    expect(JSON.stringify(exportedPartners)).not.toMatch(/Testpractitioner/);
  });
});
