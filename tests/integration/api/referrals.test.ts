import { createHash } from 'node:crypto';
import { DeleteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../../shared/adapters/data/cases';
import { listCasesByPartner } from '../../../shared/adapters/data/cases';
import { referralKeyClaimKey } from '../../../shared/adapters/data/keys';
import { dynamoRaw, sfn } from '../../../shared/adapters/aws/clients';
import { newId } from '../../../shared/adapters/data/ids';
import { bodyHash } from '../../../shared/adapters/data/referral-keys';
import { validPartnerReferral } from '../../support/fixtures';
import { startTestApi, type TestApi } from './harness';

// Contract tests for submitting and withdrawing referrals, with Idempotency-Key, over the real local
// server, DynamoDB Local and the local engine.

let api: TestApi;
let police: string;
let keyCounter = 0;
function newKey(): string {
  keyCounter += 1;
  return `test-key-${Date.now()}-${keyCounter}`;
}

async function storedFor(partnerId: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await listCasesByPartner(api.tables.db, partnerId, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

async function clearIdempotencyRecords(): Promise<void> {
  const table = api.tables.idempotencyTableName;
  const items = await api.tables.raw.send(new ScanCommand({ TableName: table }));
  for (const item of items.Items ?? []) {
    await api.tables.raw.send(new DeleteItemCommand({ TableName: table, Key: { id: item.id! } }));
  }
}

beforeAll(async () => {
  api = await startTestApi('referrals', { engine: true });
  police = await api.partnerToken('demo-police');
});

afterAll(async () => {
  await api?.close();
});

describe('POST /v1/referrals', () => {
  it('answers 201 with id, reference, status, links and Location, stores the case and starts its journey', async () => {
    // Act
    const answer = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': newKey() },
    });

    // Assess
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      id: expect.any(String),
      reference: expect.stringMatching(/^SLF-\d{4}-\d{5,}$/),
      status: 'RECEIVED',
      links: { self: `/v1/referrals/${answer.body.id}` },
    });
    // In words: an immediate risk to a child is phoned to First Response or 999, not left to this referral
    expect(answer.body.immediateRisk).toMatch(/immediate risk/);
    expect(answer.body.immediateRisk).toContain('First Response');
    expect(answer.body.immediateRisk).toContain('0116 305 0005');
    expect(answer.body.immediateRisk).toContain('999');
    expect(answer.headers.get('location')).toBe(`/v1/referrals/${answer.body.id}`);
    const stored = await getCase(api.tables.db, answer.body.id);
    expect(stored?.referral).toMatchObject({ source: 'partner', partnerId: 'demo-police' });
    const execution = await api.sfn!.send(
      new DescribeExecutionCommand({
        executionArn: `${api.journeyArn!.replace(':stateMachine:', ':execution:')}:${answer.body.id}`,
      }),
    );
    expect(execution.name).toBe(answer.body.id);
  });

  it('replays the first answer for the same key and body, and stores one case', async () => {
    const key = newKey();
    const before = await storedFor('demo-police');

    const first = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': key },
    });
    const second = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': key },
    });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await storedFor('demo-police')).toBe(before + 1);
  });

  it('answers 422 for the same key with a different body', async () => {
    const key = newKey();
    await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': key },
    });
    const changed = { ...validPartnerReferral(), reason: 'A different reason entirely.' };

    const answer = await api.call('POST', '/v1/referrals', {
      token: police,
      body: changed,
      headers: { 'idempotency-key': key },
    });

    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ rule: 'idempotency_key_reused' });
  });

  it('lets concurrent requests with one key make one record', async () => {
    const key = newKey();
    const before = await storedFor('demo-police');

    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.call('POST', '/v1/referrals', {
          token: police,
          body: validPartnerReferral(),
          headers: { 'idempotency-key': key },
        }),
      ),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses).toContain(201);
    const ids = new Set(answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id));
    expect(ids.size).toBe(1);
    expect(await storedFor('demo-police')).toBe(before + 1);
  });

  it('answers the same case for a key whose idempotency record is gone (a crash cut the first off)', async () => {
    // Prepare: the idempotency table emptied (the referral routes keep their record on the key's claim
    // now, so the retries below are answered from it; a dead attempt's claim is tested further down)
    const key = newKey();
    const before = await storedFor('demo-police');
    const first = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': key },
    });
    await clearIdempotencyRecords();
    // Act
    const retried = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': key },
    });
    await clearIdempotencyRecords();
    const changed = await api.call('POST', '/v1/referrals', {
      token: police,
      body: { ...validPartnerReferral(), reason: 'Another reason after the crash.' },
      headers: { 'idempotency-key': key },
    });
    // Assess
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.body.id).toBe(first.body.id);
    expect(retried.body.reference).toBe(first.body.reference);
    expect(await storedFor('demo-police')).toBe(before + 1);
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0]).toMatchObject({ rule: 'idempotency_key_reused' });
  });

  it("starts the journey on the retry when the first attempt's start failed after its answer was stored", async () => {
    // Prepare: the handlers' engine client refuses the next start of a journey once
    let refuse = true;
    sfn().middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { stateMachineArn?: string };
        if (refuse && input.stateMachineArn === api.journeyArn) {
          refuse = false;
          throw Object.assign(new Error('refused once by the test'), { name: 'ServiceUnavailable' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseOneJourneyStart' },
    );
    const key = newKey();
    const before = await storedFor('demo-police');
    try {
      // Act
      const first = await api.call('POST', '/v1/referrals', {
        token: police,
        body: validPartnerReferral(),
        headers: { 'idempotency-key': key },
      });
      const retried = await api.call('POST', '/v1/referrals', {
        token: police,
        body: validPartnerReferral(),
        headers: { 'idempotency-key': key },
      });

      // Assess
      expect(refuse).toBe(false);
      expect(first.status).toBe(500);
      expect(retried.status).toBe(201);
      expect(await storedFor('demo-police')).toBe(before + 1);
      const execution = await api.sfn!.send(
        new DescribeExecutionCommand({
          executionArn: `${api.journeyArn!.replace(':stateMachine:', ':execution:')}:${retried.body.id}`,
        }),
      );
      expect(execution.name).toBe(retried.body.id);
    } finally {
      sfn().middlewareStack.remove('refuseOneJourneyStart');
    }
  });

  it('keys are per partner: two partners may use the same key', async () => {
    const key = newKey();
    const school = await api.partnerToken('demo-school');
    const a = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': key },
    });
    const b = await api.call('POST', '/v1/referrals', {
      token: school,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': key },
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('answers each error as problem+json and stores nothing', async () => {
    const before = await storedFor('demo-police');
    const noKey = await api.call('POST', '/v1/referrals', { token: police, body: validPartnerReferral() });
    const invalid = validPartnerReferral();
    invalid.family.members = invalid.family.members.filter(
      (member: { relationship: string }) => member.relationship !== 'child',
    );
    invalid.referrer.email = 'not-an-email';
    const unprocessable = await api.call('POST', '/v1/referrals', {
      token: police,
      body: invalid,
      headers: { 'idempotency-key': newKey() },
    });
    const malformed = await api.call('POST', '/v1/referrals', {
      token: police,
      raw: '{"referrer":',
      headers: { 'idempotency-key': newKey() },
    });
    const wrongType = await api.call('POST', '/v1/referrals', {
      token: police,
      raw: JSON.stringify(validPartnerReferral()),
      headers: { 'idempotency-key': newKey(), 'content-type': 'text/plain' },
    });
    const tooBig = await api.call('POST', '/v1/referrals', {
      token: police,
      body: { ...validPartnerReferral(), reason: 'x'.repeat(70 * 1024) },
      headers: { 'idempotency-key': newKey() },
    });
    const readOnly = await api.call('POST', '/v1/referrals', {
      token: await api.partnerToken('demo-police', 'referrals/read'),
      body: validPartnerReferral(),
      headers: { 'idempotency-key': newKey() },
    });

    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0]).toMatchObject({ path: 'headers.Idempotency-Key', rule: 'required' });
    expect(unprocessable.status).toBe(422);
    expect(unprocessable.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'family.members', rule: 'has_child' }),
        expect.objectContaining({ path: 'referrer.email', rule: 'format:email' }),
      ]),
    );
    expect(malformed.status).toBe(400);
    expect(wrongType.status).toBe(415);
    expect(tooBig.status).toBe(413);
    expect(readOnly.status).toBe(403);
    for (const answer of [noKey, unprocessable, malformed, wrongType, tooBig, readOnly]) {
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await storedFor('demo-police')).toBe(before);
  });
});

describe("the key's claim as its idempotency record", () => {
  const claimKeyOf = (key: string) =>
    referralKeyClaimKey('demo-police', createHash('sha256').update(key).digest('hex'));
  const numberOf = (reference: string) => Number(reference.split('-').at(-1));

  it("answers 409 while an attempt's lease runs, then lets one retry finish its case once the lease ran out", async () => {
    // Prepare: the claim an attempt cut off before its case leaves (its lease until its deadline)
    const key = newKey();
    const body = validPartnerReferral();
    const claimedId = newId(Date.now());
    await api.tables.db.client.send(
      new PutCommand({
        TableName: api.tables.db.tableName,
        Item: {
          ...claimKeyOf(key),
          itemType: 'referral-key',
          partnerId: 'demo-police',
          caseId: claimedId,
          bodyHash: bodyHash(body),
          claimedAt: new Date().toISOString(),
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
          leaseId: claimedId,
          leaseUntil: Date.now() + 10 * 60_000,
        },
      }),
    );
    const before = await storedFor('demo-police');

    // Act: a retry while the lease runs; then the lease runs out and four retries race
    const inFlight = await api.call('POST', '/v1/referrals', {
      token: police,
      body,
      headers: { 'idempotency-key': key },
    });
    await api.tables.db.client.send(
      new UpdateCommand({
        TableName: api.tables.db.tableName,
        Key: claimKeyOf(key),
        UpdateExpression: 'SET leaseUntil = :past',
        ExpressionAttributeValues: { ':past': Date.now() - 1 },
      }),
    );
    const racing = await Promise.all(
      Array.from({ length: 4 }, () =>
        api.call('POST', '/v1/referrals', { token: police, body, headers: { 'idempotency-key': key } }),
      ),
    );
    const replay = await api.call('POST', '/v1/referrals', {
      token: police,
      body,
      headers: { 'idempotency-key': key },
    });
    const next = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': newKey() },
    });

    // Assess
    expect(inFlight.status).toBe(409);
    expect(inFlight.headers.get('content-type')).toBe('application/problem+json');
    expect(inFlight.headers.get('retry-after')).toBe('1');
    expect(inFlight.body.detail).toMatch(/still being processed/);
    const statuses = racing.map((answer) => answer.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const finished = racing.filter((answer) => answer.status === 201);
    expect(finished.length).toBeGreaterThan(0);
    expect(new Set(finished.map((answer) => answer.body.id))).toEqual(new Set([claimedId]));
    expect(new Set(finished.map((answer) => answer.body.reference)).size).toBe(1);
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({ id: claimedId, reference: finished[0]!.body.reference });
    expect(await storedFor('demo-police')).toBe(before + 2);
    // The racing retries spent one reference between them: the next referral's is the one after.
    expect(numberOf(next.body.reference)).toBe(numberOf(finished[0]!.body.reference) + 1);
  });

  it('gives its lease up when it fails before its answer is stored, so the retry goes on at once', async () => {
    // Prepare: the handlers' client fails the next case transaction (the one storing the answer) once
    let fail = true;
    dynamoRaw().middlewareStack.add(
      (next, context) => async (args) => {
        if (
          fail &&
          context.commandName === 'TransactWriteItemsCommand' &&
          JSON.stringify(args.input).includes('REFERRALKEY#')
        ) {
          fail = false;
          throw Object.assign(new Error('failed once by the test'), { name: 'InternalServerError' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failOneCaseTransaction' },
    );
    const key = newKey();
    const before = await storedFor('demo-police');
    try {
      // Act
      const first = await api.call('POST', '/v1/referrals', {
        token: police,
        body: validPartnerReferral(),
        headers: { 'idempotency-key': key },
      });
      const retried = await api.call('POST', '/v1/referrals', {
        token: police,
        body: validPartnerReferral(),
        headers: { 'idempotency-key': key },
      });

      // Assess
      expect(fail).toBe(false);
      expect(first.status).toBe(500);
      expect(retried.status).toBe(201);
      expect(await storedFor('demo-police')).toBe(before + 1);
      const claim = await api.tables.db.client.send(
        new GetCommand({ TableName: api.tables.db.tableName, Key: claimKeyOf(key), ConsistentRead: true }),
      );
      expect(claim.Item).toMatchObject({ caseId: retried.body.id, answer: { caseId: retried.body.id } });
    } finally {
      dynamoRaw().middlewareStack.remove('failOneCaseTransaction');
    }
  });
});

describe('a partner revoked while its requests are in use', () => {
  it('is refused at once on POST /v1/referrals, replays included, and leaves no record, claim or idempotency record', async () => {
    // Prepare: a partner whose referral this server has already taken (so it knows the client's partner)
    const admin = await api.staffToken('admin');
    const created = await api.call('POST', '/v1/admin/partners', {
      token: admin,
      body: {
        id: 'demo-health',
        name: 'Demo Health',
        organisationType: 'health',
        scopes: ['referrals/write'],
      },
    });
    expect(created.status).toBe(201);
    const tokenAnswer = await fetch(`${api.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: created.body.clientId,
        client_secret: created.body.clientSecret,
      }),
    });
    const health = ((await tokenAnswer.json()) as { access_token: string }).access_token;
    const firstKey = newKey();
    const first = await api.call('POST', '/v1/referrals', {
      token: health,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': firstKey },
    });
    expect(first.status).toBe(201);
    const idempotencyRecords = async () =>
      (await api.tables.raw.send(new ScanCommand({ TableName: api.tables.idempotencyTableName }))).Count;
    const recordsBefore = await idempotencyRecords();

    // Act
    const revoked = await api.call('POST', '/v1/admin/partners/demo-health/revoke', { token: admin });
    const newKeyAfter = newKey();
    const fresh = await api.call('POST', '/v1/referrals', {
      token: health,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': newKeyAfter },
    });
    const replay = await api.call('POST', '/v1/referrals', {
      token: health,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': firstKey },
    });
    const invalid = await api.call('POST', '/v1/referrals', {
      token: health,
      body: { reason: 'no family' },
      headers: { 'idempotency-key': newKey() },
    });

    // Assess
    expect(revoked.status).toBe(200);
    expect([fresh.status, replay.status, invalid.status]).toEqual([401, 401, 401]);
    expect(fresh.headers.get('content-type')).toBe('application/problem+json');
    expect(await storedFor('demo-health')).toBe(1);
    const claim = await api.tables.db.client.send(
      new GetCommand({
        TableName: api.tables.db.tableName,
        Key: referralKeyClaimKey('demo-health', createHash('sha256').update(newKeyAfter).digest('hex')),
        ConsistentRead: true,
      }),
    );
    expect(claim.Item).toBeUndefined();
    expect(await idempotencyRecords()).toBe(recordsBefore);
  });
});

describe('POST /v1/referrals/{id}/withdraw', () => {
  it('withdraws an open referral once, then answers 409; another partner gets 404', async () => {
    // Prepare
    const created = await api.call('POST', '/v1/referrals', {
      token: police,
      body: validPartnerReferral(),
      headers: { 'idempotency-key': newKey() },
    });
    const path = `/v1/referrals/${created.body.id}/withdraw`;

    // Act
    const stranger = await api.call('POST', path, {
      token: await api.partnerToken('demo-school'),
      body: { reason: 'No longer needed' },
    });
    const noReason = await api.call('POST', path, { token: police, body: {} });
    const withdrawn = await api.call('POST', path, {
      token: police,
      body: { reason: 'Family moved out of the county' },
    });
    const again = await api.call('POST', path, {
      token: police,
      body: { reason: 'Family moved out of the county' },
    });

    // Assess
    expect(stranger.status).toBe(404);
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0]).toMatchObject({ path: 'reason', rule: 'required' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    expect(withdrawn.body.outcome).toEqual({ category: 'withdrawn' });
    expect(withdrawn.body.statusChanges.map((change: { status: string }) => change.status)).toContain(
      'WITHDRAWN',
    );
    expect(again.status).toBe(409);
  });
});
