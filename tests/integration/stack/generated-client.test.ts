import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, type Schemas } from '../../../local/api-client/client';
import { referralExample } from '../../../shared/http/openapi-examples';
import { completionExample } from '../../../shared/http/task-completion-examples';
import { pollFor, processesInGroup, type StackPorts, type StackProcess, startHealthy } from './stack-process';

// A client nobody hand-wrote: openapi-typescript's types of the published document and openapi-fetch,
// sending the document's own examples, drive a partner's referral through the whole journey on the
// local stack (`npm start`): screen, hub decision, allocation from the waiting list, consent,
// assessment, review and closure; the partner then reads the closed referral.

type TaskType = Schemas['TaskCompletion']['type'];
type Credentials = {
  partners: { name: string; clientId: string; clientSecret: string }[];
  staff: { username: string; password: string; role: string }[];
};

const LOCALITY = (referralExample as Schemas['PartnerReferral']).locality;
const KEY_WORKER = (completionExample('allocation').outcome as { workerId: string }).workerId;

let stack: StackProcess;
let ports: StackPorts;
let credentials: Credentials;
const dataDir = mkdtempSync(join(tmpdir(), 'sfw-client-'));
const api = () => `http://127.0.0.1:${ports.api}`;

beforeAll(async () => {
  ({ stack, ports } = await startHealthy(
    ['--data-dir', dataDir, '--virtual-clock', '--start-time', '2026-12-04T09:00:00Z'],
    {},
    (started) => {
      stack = started;
    },
  ));
  credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
}, 180_000);

afterAll(async () => {
  if (stack) {
    await stack.interrupt();
    stack.kill();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** The partner's token: OAuth 2.0 client credentials at the document's token URL. */
async function partnerClient(): Promise<ApiClient> {
  const partner = credentials.partners[0]!;
  const answer = await fetch(`${api()}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${partner.clientId}:${partner.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'referrals/read referrals/write' }),
  });
  const { access_token: token } = (await answer.json()) as { access_token: string };
  return apiClient(api(), token);
}

const staffClients = new Map<string, ApiClient>();
async function staff(username: string): Promise<ApiClient> {
  const known = staffClients.get(username);
  if (known) return known;
  const password = credentials.staff.find((member) => member.username === username)!.password;
  const { data, error } = await apiClient(api()).POST('/v1/session', { body: { username, password } });
  if (!data) throw new Error(`sign-in for ${username}: ${JSON.stringify(error)}`);
  const client = apiClient(api(), data.token);
  staffClients.set(username, client);
  return client;
}

/** Waits for the journey to open the case's task of a type, as its owner lists it. */
async function openTask(username: string, caseId: string, type: TaskType) {
  const client = await staff(username);
  return pollFor(async () => {
    const { data } = await client.GET('/v1/tasks', { params: { query: { status: 'OPEN' } } });
    return data?.items.find((task) => task.caseId === caseId && task.type === type);
  }, 60_000);
}

/** Completes the case's task of `type` with the document's example for that type. */
async function complete(username: string, caseId: string, type: TaskType) {
  const task = await openTask(username, caseId, type);
  const { data, error, response } = await (await staff(username)).POST('/v1/tasks/{id}/complete', {
    params: { path: { id: task.id } },
    body: completionExample(type) as Schemas['TaskCompletion'],
  });
  expect(error, `${type}: ${response.status} ${JSON.stringify(error)}`).toBeUndefined();
  expect(data).toEqual({ id: task.id, status: 'COMPLETED', type });
}

async function caseStatus(caseId: string) {
  const { data } = await (await staff('head')).GET('/v1/cases/{id}', { params: { path: { id: caseId } } });
  return (data?.case as { status?: string } | undefined)?.status;
}

async function waitForStatus(caseId: string, status: string) {
  await pollFor(async () => ((await caseStatus(caseId)) === status ? true : undefined), 60_000);
}

/** Sets every family support worker of the locality to `capacity` units, or only `only`. */
async function setCapacity(capacity: number, only?: string) {
  const admin = await staff('admin');
  let cursor: string | undefined;
  do {
    const { data } = await admin.GET('/v1/admin/staff', {
      params: { query: { area: LOCALITY, role: 'family-support-worker', ...(cursor ? { cursor } : {}) } },
    });
    for (const worker of data!.items) {
      if (only && worker.id !== only) continue;
      const { error } = await admin.PATCH('/v1/admin/staff/{id}', {
        params: { path: { id: worker.id } },
        body: { capacity },
      });
      expect(error).toBeUndefined();
    }
    cursor = data!.nextCursor ?? undefined;
  } while (cursor);
}

async function setClock(iso: string) {
  const answer = await fetch(`http://127.0.0.1:${ports.sfn}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ set: iso }),
  });
  expect(answer.status).toBe(200);
}

describe('the generated client on the local stack', () => {
  it('drives a referral from the partner to closure with the examples alone', async () => {
    // Prepare: no family support worker in the locality has room, so the case waits for allocation
    await setCapacity(0);
    const partner = await partnerClient();

    // Act: the partner refers (a retry with the same key answers the same referral)
    const body = referralExample as Schemas['PartnerReferral'];
    const key = { params: { header: { 'Idempotency-Key': 'generated-client-1' } }, body };
    const sent = await partner.POST('/v1/referrals', key);
    const retried = await partner.POST('/v1/referrals', key);
    expect(sent.response.status).toBe(201);
    const caseId = sent.data!.id;
    expect(retried.data).toEqual(sent.data);

    // Act: staff work the journey's tasks through the API
    // The screen is in the duty team's list and in the First Response duty manager's (a demo user who
    // signs in like any other), who may complete it: they are told first when it is late (issue 17).
    await openTask('duty', caseId, 'safeguarding-screen');
    await complete('duty-manager', caseId, 'safeguarding-screen');
    await complete(`hub-${LOCALITY}`, caseId, 'hub-decision');
    await waitForStatus(caseId, 'WAITING_LIST');
    await setCapacity(30, KEY_WORKER);
    await complete(`manager-${LOCALITY}`, caseId, 'allocation');
    await complete(KEY_WORKER, caseId, 'consent');
    await complete(KEY_WORKER, caseId, 'assessment');
    await waitForStatus(caseId, 'SUPPORT');
    await setClock('2027-02-15T09:00:00Z');
    await complete(KEY_WORKER, caseId, 'review');
    await complete(KEY_WORKER, caseId, 'closure');
    await waitForStatus(caseId, 'CLOSED');

    // Assess: the partner reads the outcome
    const { data: status } = await partner.GET('/v1/referrals/{id}', { params: { path: { id: caseId } } });
    expect(status?.status).toBe('CLOSED');
    expect(status?.outcome).toEqual({ category: 'closed', closureReason: 'plan-completed' });
    expect(status?.partnerReference).toBe(referralExample.partnerReference);
    expect(status?.statusChanges.map((change) => change.status)).toEqual(
      expect.arrayContaining(['RECEIVED', 'WAITING_LIST', 'CONSENT', 'ASSESSMENT', 'SUPPORT', 'CLOSED']),
    );
  }, 600_000);

  it('gets the problem the document describes for a body it refuses', async () => {
    const partner = await partnerClient();
    const { referrer, ...rest } = referralExample;
    const { error, response } = await partner.POST('/v1/referrals', {
      params: { header: { 'Idempotency-Key': 'generated-client-2' } },
      body: {
        ...rest,
        referrer: { name: referrer.name, organisation: referrer.organisation, role: referrer.role },
      } as Schemas['PartnerReferral'],
    });
    expect(response.status).toBe(422);
    expect(error?.type).toBe('urn:sfw:problem:validation-failed');
    expect(error?.errors).toContainEqual(
      expect.objectContaining({ path: 'referrer.email', rule: 'contact_required' }),
    );
  }, 60_000);

  it('leaves nothing running when the stack stops', async () => {
    await stack.interrupt();
    expect(processesInGroup(stack.child.pid!)).toEqual([]);
  }, 60_000);
});
