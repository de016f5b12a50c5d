import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLES } from '../../../local/stack/environment';
import { getConfig } from '../../../shared/core/config';
import { createDocumentClient } from '../../../shared/adapters/aws/clients';
import { listWorkers } from '../../../shared/adapters/data/workers';
import { validPartnerReferral } from '../../support/fixtures';
import { pollFor, processesInGroup, type StackProcess, startHealthy } from './stack-process';
import { STAFF_ROLES } from '../../../shared/core/vocabulary/roles';

// `npm start` as a person runs it: on free ports with a temporary data directory, until healthy,
// then Ctrl-C; started again on the same data it resumes. Nothing may be left running.

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfw-stack-'));
  const started: StackProcess[] = [];
  let referenceReferred = '';
  afterAll(() => {
    for (const stack of started) stack.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts every part, seeds the demo county, answers health, and stops cleanly on Ctrl-C', async () => {
    // Act
    const { stack, ports } = await startHealthy(
      ['--data-dir', dataDir, '--virtual-clock', '--start-time', '2026-04-01T08:00:00Z'],
      {},
      (each) => started.push(each),
    );
    // Assess: the engine's virtual clock moves when asked
    const moved = await fetch(`http://127.0.0.1:${ports.sfn}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    expect(await moved.json()).toEqual({ now: '2026-04-01T09:00:00.000Z' });
    // Assess: the screen of URLs
    const screen = stack.output();
    expect(screen).toContain(`http://127.0.0.1:${ports.ses}/`);
    expect(screen).toContain(`http://127.0.0.1:${ports.api}/_local/health`);
    expect(screen).toMatch(/Data: .*\(new\)/);
    expect(screen).toMatch(/Workflows: .*human-task, journey/);
    expect(screen).toMatch(new RegExp(`Staff pages +http://127.0.0.1:${ports.api}/tasks\\n`));
    const home = await fetch(`http://127.0.0.1:${ports.api}/`, { redirect: 'manual' });
    expect(home.headers.get('location')).toBe('/tasks');
    expect(screen).not.toMatch(/Step Functions engine: /);
    // Assess: the workforce is in the tables, spread over the localities
    const raw = new DynamoDBClient({
      region: 'eu-west-2',
      endpoint: `http://127.0.0.1:${ports.dynamodb}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const db = { client: createDocumentClient(raw), tableName: LOCAL_TABLES.domain };
    let workers = 0;
    for (const locality of getConfig().localities) {
      const page = await listWorkers(db, locality.id, 'family-support-worker');
      expect(page.items.length).toBeGreaterThanOrEqual(locality.familySupportWorkers);
      workers += page.items.length;
    }
    raw.destroy();
    expect(workers).toBe(48);
    // Assess: the demo credentials file in the contract's shape, and a partner can get a token with it
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
    expect(Object.keys(credentials).sort()).toEqual(['partners', 'staff']);
    expect(credentials.partners.map((partner: { name: string }) => partner.name)).toEqual([
      'demo-police',
      'demo-school',
    ]);
    for (const partner of credentials.partners) {
      expect(Object.keys(partner).sort()).toEqual(['clientId', 'clientSecret', 'name', 'scopes']);
    }
    for (const member of credentials.staff) {
      expect(Object.keys(member).sort()).toEqual(['locality', 'password', 'role', 'username']);
    }
    const roles = new Set(credentials.staff.map((member: { role: string }) => member.role));
    expect(roles).toEqual(new Set(STAFF_ROLES));
    const police = credentials.partners[0];
    const token = await fetch(`http://127.0.0.1:${ports.api}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${police.clientId}:${police.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(token.status).toBe(200);
    expect(screen).toContain(police.clientSecret);
    // Act: a partner refers a family through the API, and the clock moves on
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const submitted = await fetch(`http://127.0.0.1:${ports.api}/v1/referrals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': 'stack-test-referral-1',
      },
      // Consent is dated before the virtual clock's start: intake refuses consent given after today.
      body: JSON.stringify({
        ...validPartnerReferral(),
        consent: { ...validPartnerReferral().consent, date: '2026-03-30' },
      }),
    });
    expect(submitted.status).toBe(201);
    const receipt = (await submitted.json()) as { id: string; reference: string };
    referenceReferred = receipt.reference;
    const advanced = await fetch(`http://127.0.0.1:${ports.sfn}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceSeconds: 600 }),
    });
    expect(advanced.status).toBe(200);
    // Assess: the duty team's screen task email is in the local inbox, naming the case reference only
    const email = await pollFor(async () => {
      const store = (await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as {
        emails: { subject: string; destination: { to: string[] }; body: { text?: string } }[];
      };
      return store.emails.find(
        (candidate) => candidate.subject === `New task: Safeguarding screen: ${receipt.reference}`,
      );
    });
    expect(email.destination.to).toEqual(['duty@demo.invalid']);
    expect(email.body.text).not.toContain('Example');
    // Act: the duty worker attaches a file to the case; the local S3 keeps it, the scanner clears it
    const api = `http://127.0.0.1:${ports.api}`;
    const duty = credentials.staff.find((member: { username: string }) => member.username === 'duty');
    const session = await fetch(`${api}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: duty.username, password: duty.password }),
    });
    const staff = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
    const file = Buffer.from('%PDF-1.7 a letter');
    const requested = await fetch(`${api}/v1/cases/${receipt.id}/documents`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'letter.pdf',
        type: 'letter',
        contentType: 'application/pdf',
        size: file.length,
      }),
    });
    const { document, upload } = (await requested.json()) as {
      document: { id: string };
      upload: { url: string; headers: Record<string, string> };
    };
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
    // The scan runs in the stack's process: read the list until it says (never more than a moment).
    await pollFor(async () => {
      const list = await fetch(`${api}/v1/cases/${receipt.id}/documents`, { headers: staff });
      const { items } = (await list.json()) as { items: { status: string }[] };
      return items[0]?.status === 'available' ? true : undefined;
    });
    const link = await fetch(`${api}/v1/cases/${receipt.id}/documents/${document.id}`, { headers: staff });
    const { download } = (await link.json()) as { download: { url: string } };
    // Assess: on the S3 port of the screen, signed requests only, the bytes back
    expect(screen).toContain(`http://127.0.0.1:${ports.s3}`);
    expect(upload.url.startsWith(`http://127.0.0.1:${ports.s3}/`)).toBe(true);
    expect(put.status).toBe(200);
    expect(Buffer.from(await (await fetch(download.url)).arrayBuffer())).toEqual(file);
    expect((await fetch(download.url.split('?')[0]!)).status).toBe(403);
    // Act: Ctrl-C
    const exit = await stack.interrupt();
    // Assess
    expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true);
    expect(stack.output()).toContain('stopped.');
    expect(processesInGroup(stack.child.pid!)).toEqual([]);
  });

  it('resumes the same data, clock and open journeys when started again', async () => {
    // Act
    const { stack, ports } = await startHealthy(['--data-dir', dataDir, '--virtual-clock'], {}, (each) =>
      started.push(each),
    );
    const clock = await (await fetch(`http://127.0.0.1:${ports.sfn}/_local/clock`)).json();
    // The screen is due the next working day: its reminder goes at 09:00 that day.
    await fetch(`http://127.0.0.1:${ports.sfn}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ set: '2026-04-02T10:00:00Z' }),
    });
    const reminder = await pollFor(async () => {
      const store = (await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as {
        emails: { subject: string }[];
      };
      return store.emails.find(
        (email) => email.subject === `Reminder: Safeguarding screen: ${referenceReferred}`,
      );
    });
    await stack.interrupt();
    // Assess
    expect(clock).toEqual({ now: '2026-04-01T09:10:00.000Z' });
    expect(reminder).toBeDefined();
    expect(stack.output()).toMatch(/Data: .*\(resumed\)/);
    expect(stack.output()).toContain('stopped.');
    expect(processesInGroup(stack.child.pid!)).toEqual([]);
  });

  it('stops at once with advice when Java is missing', () => {
    // Prepare: a PATH holding only the project's own Node, so no `java`
    const bin = resolve('node_modules/.bin');
    // Act
    const result = spawnSync(
      join(bin, 'tsx'),
      ['local/stack/start.ts', '--data-dir', join(dataDir, 'nojava')],
      {
        env: { PATH: bin, HOME: process.env.HOME ?? tmpdir() },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Java runtime.*apt-get install/s);
  });
});
