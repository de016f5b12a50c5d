import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../local/admin/cli';
import { totpCode } from '../../../shared/adapters/identity/authenticator';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { allocateCase } from '../../../shared/adapters/data/allocation';
import { updateCase } from '../../../shared/adapters/data/cases';
import { caseKey } from '../../../shared/adapters/data/keys';
import { ACTOR, atHubDecision, NOW, newCase, referral } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// Administration through the routes and through `npm run admin`, which calls the same routes.

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi('admin');
  admin = await api.staffToken('admin');
});

afterAll(async () => {
  await api?.close();
});

describe('partner clients', () => {
  it('creates a partner whose credentials work at once; rotation and revocation take effect at once', async () => {
    // Prepare / Act: register
    const created = await api.call('POST', '/v1/admin/partners', {
      token: admin,
      body: {
        id: 'demo-housing',
        name: 'Demo Housing',
        organisationType: 'housing',
        scopes: ['referrals/read'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('secretHash');
    const { clientId, clientSecret } = created.body;
    const token = async (secret: string) => {
      const response = await fetch(`${api.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: secret,
        }),
      });
      return {
        status: response.status,
        token: ((await response.json()) as { access_token?: string }).access_token,
      };
    };
    const first = await token(clientSecret);
    expect(first.status).toBe(200);
    expect((await api.call('GET', '/v1/referrals', { token: first.token })).status).toBe(200);

    // Act: rotate
    const rotated = await api.call('POST', '/v1/admin/partners/demo-housing/rotate-secret', { token: admin });
    expect(rotated.status).toBe(200);
    expect((await token(clientSecret)).status).toBe(401);
    expect((await token(rotated.body.clientSecret)).status).toBe(200);

    // Act: revoke; an already issued token stops working too
    const revoked = await api.call('POST', '/v1/admin/partners/demo-housing/revoke', { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.active).toBe(false);
    expect((await api.call('GET', '/v1/referrals', { token: first.token })).status).toBe(401);
    expect((await token(rotated.body.clientSecret)).status).toBe(401);

    // Assess: every change audited
    const audit = await listAuditEvents(api.tables.db, 'partner#demo-housing');
    expect(audit.items.map((event) => [event.action, event.details?.change ?? null, event.actor.id])).toEqual(
      [
        ['partner.created', null, 'admin'],
        ['partner.updated', 'secret-rotated', 'admin'],
        ['partner.updated', 'revoked', 'admin'],
      ],
    );
  });

  it('refuses a duplicate id with 409 and a bad body with 422 naming the field', async () => {
    const duplicate = await api.call('POST', '/v1/admin/partners', {
      token: admin,
      body: { id: 'demo-police', name: 'Again', organisationType: 'police', scopes: ['referrals/read'] },
    });
    const invalid = await api.call('POST', '/v1/admin/partners', {
      token: admin,
      body: { id: 'x', name: 'X', organisationType: 'bank', scopes: ['referrals/read'] },
    });
    expect(duplicate.status).toBe(409);
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toContainEqual(
      expect.objectContaining({ path: 'organisationType', rule: 'enum' }),
    );
  });
});

describe('staff', () => {
  it('adds a staff member who can sign in, changes them, and audits each change', async () => {
    const added = await api.call('POST', '/v1/admin/staff', {
      token: admin,
      body: {
        id: 'fsw-blaby-2',
        name: 'Pat Key',
        email: 'pat@demo.invalid',
        role: 'family-support-worker',
        area: 'blaby',
      },
    });
    expect(added.status).toBe(201);
    expect(added.body.staffMember).toMatchObject({ id: 'fsw-blaby-2', capacity: 30, active: true });

    // The first password is temporary: the administrator knows it, so the member chooses their own.
    const first = await api.call('POST', '/v1/session', {
      body: { username: 'fsw-blaby-2', password: added.body.initialPassword },
    });
    expect(first.status).toBe(401);
    expect(first.body.challenge).toBe('new-password');
    const ownPassword = 'Own-Choice-2026!';
    const session = await api.call('POST', '/v1/session', {
      body: { session: first.body.session, newPassword: ownPassword },
    });
    expect(session.status).toBe(201);
    expect(session.body.user).toEqual({ id: 'fsw-blaby-2', role: 'family-support-worker', area: 'blaby' });

    const changed = await api.call('PATCH', '/v1/admin/staff/fsw-blaby-2', {
      token: admin,
      body: { capacity: 18 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.capacity).toBe(18);

    const deactivated = await api.call('PATCH', '/v1/admin/staff/fsw-blaby-2', {
      token: admin,
      body: { active: false },
    });
    expect(deactivated.status).toBe(200);
    // The token issued before deactivation no longer works, and no new sign-in is possible.
    expect((await api.call('GET', '/v1/tasks', { token: session.body.token })).status).toBe(401);
    const again = await api.call('POST', '/v1/session', {
      body: { username: 'fsw-blaby-2', password: ownPassword },
    });
    expect(again.status).toBe(401);

    const audit = await listAuditEvents(api.tables.db, 'worker#fsw-blaby-2');
    expect(audit.items.map((event) => event.action)).toEqual([
      'worker.created',
      'worker.updated',
      'worker.updated',
    ]);
    expect(JSON.stringify(audit.items)).not.toContain('pat@demo.invalid');
  });

  it('refuses to deactivate a worker who holds open cases (409)', async () => {
    const record = await atHubDecision(
      api.tables.db,
      await newCase(api.tables.db, { referral: referral({ locality: 'melton' }) }),
      updateCase,
    );
    await allocateCase(api.tables.db, {
      caseId: record.id,
      expectedVersion: record.version,
      workerId: 'fsw-melton',
      now: NOW,
      actor: ACTOR,
    });
    const answer = await api.call('PATCH', '/v1/admin/staff/fsw-melton', {
      token: admin,
      body: { active: false },
    });
    expect(answer.status).toBe(409);
    const still = await api.call('GET', '/v1/admin/staff?area=melton&role=family-support-worker', {
      token: admin,
    });
    expect(still.body.items.find((w: { id: string }) => w.id === 'fsw-melton').active).toBe(true);
  });

  it('keeps administration to administrators', async () => {
    const manager = await api.call('GET', '/v1/admin/partners', {
      token: await api.staffToken('manager-blaby'),
    });
    const partner = await api.call('GET', '/v1/admin/partners', {
      token: await api.partnerToken('demo-police'),
    });
    expect(manager.status).toBe(403);
    expect(partner.status).toBe(401);
  });
});

describe('npm run admin', () => {
  it('lists localities and partners through the routes, signing in as the demo administrator', async () => {
    const lines: string[] = [];
    const code = await runAdmin(
      ['partners', 'list', '--api-url', api.url, '--data-dir', api.dataDir],
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('demo-police');

    const localities: string[] = [];
    await runAdmin(['localities', 'list', '--api-url', api.url, '--data-dir', api.dataDir], (line) =>
      localities.push(line),
    );
    expect(localities.join('\n')).toContain('charnwood\tCharnwood');
  });

  it('re-indexes every record held for family matching, batch by batch; only administrators', async () => {
    await newCase(api.tables.db);
    await newCase(api.tables.db);
    const lines: string[] = [];
    const code = await runAdmin(
      ['match-index', 'rebuild', '--api-url', api.url, '--data-dir', api.dataDir, '--json'],
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    expect(JSON.parse(lines.join('\n')).indexed).toBeGreaterThanOrEqual(2);
    const refused = await api.call('POST', '/v1/admin/match-index', {
      token: await api.staffToken('duty'),
      body: {},
    });
    expect(refused.status).toBe(403);
    const badCursor = await api.call('POST', '/v1/admin/match-index', {
      token: admin,
      body: { cursor: 'nope' },
    });
    expect(badCursor.status).toBe(400);
  });

  it('gives cases that ended before the retention index their keys, printing progress; only administrators', async () => {
    const db = api.tables.db;
    const ended = await updateCase(db, {
      ...(({ id, version }) => ({ id, expectedVersion: version }))(await newCase(db)),
      now: NOW,
      actor: ACTOR,
      status: 'WITHDRAWN',
    });
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: caseKey(ended.id),
        UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
      }),
    );
    const run = async () => {
      const lines: string[] = [];
      const code = await runAdmin(
        ['retention', 'reindex', '--api-url', api.url, '--data-dir', api.dataDir],
        (line) => lines.push(line),
      );
      return { code, text: lines.join('\n') };
    };

    const first = await run();
    const again = await run();

    expect(first.code).toBe(0);
    expect(first.text).toMatch(/Batch 1: 1 indexed/);
    expect(first.text).toContain('Gave 1 ended cases their retention index keys');
    const item = await db.client.send(new GetCommand({ TableName: db.tableName, Key: caseKey(ended.id) }));
    expect(item.Item).toMatchObject({ gsi4pk: 'RETAIN', gsi4sk: `${ended.retainUntil}#${ended.id}` });
    expect(again.text).toContain('Gave 0 ended cases');
    const refused = await api.call('POST', '/v1/admin/retention-index', {
      token: await api.staffToken('duty'),
      body: {},
    });
    expect(refused.status).toBe(403);
    const unknownField = await api.call('POST', '/v1/admin/retention-index', {
      token: admin,
      body: { cursor: 'x' },
    });
    expect(unknownField.status).toBe(422);
  });

  it('says how to carry on when the retention reindex stops', async () => {
    await expect(
      runAdmin(['retention', 'reindex', '--api-url', api.url, '--token', 'not-a-token'], () => undefined),
    ).rejects.toThrow(
      /Retention reindex stopped after 0 cases: .*\n.*run "npm run admin -- retention reindex" again/s,
    );
  });

  it('explains a refusal with the problem detail and the field at fault', async () => {
    await expect(
      runAdmin(
        [
          ...['staff', 'add', '--id', 'x1', '--name', 'X', '--email', 'not-an-email', '--role', 'senior'],
          ...['--area', 'blaby', '--api-url', api.url, '--data-dir', api.dataDir],
        ],
        () => undefined,
      ),
    ).rejects.toThrow(/422 Validation failed.*\n\s+email/s);
  });

  it('names an unknown option', async () => {
    await expect(runAdmin(['partners', 'list', '--frob'], () => undefined)).rejects.toThrow(
      /Unknown option '--frob'/,
    );
  });

  it('prints usage for an unknown command', async () => {
    await expect(runAdmin(['frobnicate', 'now', '--api-url', api.url], () => undefined)).rejects.toThrow(
      /Unknown command "frobnicate now"/,
    );
  });

  it('says how to finish a first sign-in, and signs in with --code once the app is set up', async () => {
    // Prepare: an account (not an administrator) the pool will ask to set up an authenticator app.
    const username = 'senior-charnwood';
    const password = api.demo.staff.find((member) => member.username === username)!.password;
    api.server.userPool.requireMfa(username);
    const asThem = (extra: string[] = []) =>
      runAdmin(
        // `=`: a generated password may start with '-', which parseArgs would read as an option.
        [
          'partners',
          'list',
          '--api-url',
          api.url,
          '--username',
          username,
          `--password=${password}`,
          ...extra,
        ],
        () => undefined,
      );

    // Act
    const unfinished = asThem();
    await expect(unfinished).rejects.toThrow(
      /not finished its first sign-in \(mfa-setup\).*\/sign-in.*--code/s,
    );
    const started = await api.call('POST', '/v1/session', { body: { username, password } });
    await api.call('POST', '/v1/session', {
      body: { session: started.body.session, code: totpCode(started.body.secretCode) },
    });

    // Assess: signed in with the code, then refused by the route (403), not by the sign-in (401).
    await expect(asThem()).rejects.toThrow(/^401 .*code/);
    await expect(asThem(['--code', totpCode(started.body.secretCode)])).rejects.toThrow(/^403 /);
  });
});
