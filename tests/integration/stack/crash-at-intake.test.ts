import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLES, stateMachineArn } from '../../../local/stack/environment';
import { createDocumentClient } from '../../../shared/adapters/aws/clients';
import { getCase } from '../../../shared/adapters/data/cases';
import { listOpenTasksForCase } from '../../../shared/adapters/data/tasks';
import { validPartnerReferral } from '../../support/fixtures';
import { pollFor, type StackPorts, type StackProcess, startHealthy } from './stack-process';

// Issue 15, "Crash at intake": referrals in flight, kill -9 of the whole local stack, a restart on the
// same data, and the partners retry with the same Idempotency-Key and body. Every key must end as one
// case whose journey runs on to its first task: no second case, no journey FAILED on a step's stale
// in-progress idempotency record. Real clock: the in-progress records expire in real time.

// `npm run soak` (SOAK_FULL=1) repeats the crash: each round sends a new batch and kills the stack at
// a random moment after the first answer; a final stack then takes every partner's retries.
const FULL = process.env.SOAK_FULL === '1';
const ROUNDS = FULL ? Number(process.env.SOAK_ROUNDS ?? 5) : 1;
const PER_ROUND = 24;
const REFERRALS = ROUNDS * PER_ROUND;

function referral(i: number): Record<string, unknown> {
  const body = validPartnerReferral();
  // One household each, so matching never links them.
  const family = `Crash${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
  body.family.members = body.family.members.map((member: Record<string, string>) => ({
    ...member,
    familyName: family,
  }));
  body.family.address = { line1: `${i + 1} Intake Road`, town: 'Loughborough', postcode: 'le11 3ab' };
  return body;
}

async function partnerToken(dataDir: string, ports: StackPorts): Promise<string> {
  const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
  const police = credentials.partners[0];
  const answer = await fetch(`http://127.0.0.1:${ports.api}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${police.clientId}:${police.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

function submit(ports: StackPorts, token: string, i: number): Promise<Response> {
  return fetch(`http://127.0.0.1:${ports.api}/v1/referrals`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `crash-at-intake-${i}`,
    },
    body: JSON.stringify(referral(i)),
  });
}

describe('a crash at intake', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfw-crash-intake-'));
  const started: StackProcess[] = [];
  afterAll(() => {
    for (const stack of started) stack.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'leaves one case per Idempotency-Key, each journey at its first task, after kill -9 and retries',
    async () => {
      // Prepare / Act: each round, a stack on the real clock with referrals in flight, then kill -9 of
      // the whole stack (DynamoDB Local included) once the first is answered, the rest cut off
      const before = new Map<number, string>();
      for (let round = 0; round < ROUNDS; round++) {
        // Fresh ports again if one found free is taken before the stack binds it (startHealthy).
        const { stack, ports } = await startHealthy(['--data-dir', dataDir], {}, (each) =>
          started.push(each),
        );
        const token = await partnerToken(dataDir, ports);
        const inFlight = Array.from({ length: PER_ROUND }, (_, j) => {
          const i = round * PER_ROUND + j;
          return submit(ports, token, i).then(
            async (answer) => {
              if (answer.status === 201) before.set(i, ((await answer.json()) as { id: string }).id);
            },
            () => undefined,
          );
        });
        await Promise.race(inFlight);
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 400)));
        stack.kill();
        await stack.exited;
        await Promise.all(inFlight);
      }
      const { stack: again, ports: second } = await startHealthy(['--data-dir', dataDir], {}, (each) =>
        started.push(each),
      );
      const retryToken = await partnerToken(dataDir, second);
      const after = new Map<number, { status: number; id: string }>();
      for (let i = 0; i < REFERRALS; i++) {
        // A request cut off mid-flight holds its key until its invocation's deadline: 409, retry.
        const answer = await pollFor(async () => {
          const response = await submit(second, retryToken, i);
          if (response.status === 409) return undefined;
          return { status: response.status, id: ((await response.json()) as { id: string }).id };
        }, 120_000);
        after.set(i, answer);
      }
      // Assess: one case per key, the same one a pre-crash answer named
      expect([...after.values()].map((answer) => answer.status).filter((status) => status >= 300)).toEqual(
        [],
      );
      for (const [i, id] of before) expect(after.get(i)?.id).toBe(id);
      const ids = new Set([...after.values()].map((answer) => answer.id));
      expect(ids.size).toBe(REFERRALS);
      const raw = new DynamoDBClient({
        region: 'eu-west-2',
        endpoint: `http://127.0.0.1:${second.dynamodb}`,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const db = { client: createDocumentClient(raw), tableName: LOCAL_TABLES.domain };
      const cases = await db.client.send(
        new ScanCommand({
          TableName: db.tableName,
          FilterExpression: 'sk = :case',
          ExpressionAttributeValues: { ':case': 'CASE' },
        }),
      );
      expect(cases.Items?.length).toBe(REFERRALS);
      // Assess: every journey reaches its screen (the engine retries steps left in progress by the kill)
      const sfn = new SFNClient({
        region: 'eu-west-2',
        endpoint: `http://127.0.0.1:${second.sfn}`,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const journey = stateMachineArn('journey');
      for (const id of ids) {
        const settled = await pollFor(async () => {
          const execution = await sfn.send(
            new DescribeExecutionCommand({
              executionArn: `${journey.replace(':stateMachine:', ':execution:')}:${id}`,
            }),
          );
          // A journey that ended shows why (the assertion below then names the error and its cause).
          if (execution.status !== 'RUNNING')
            return {
              status: execution.status,
              error: execution.error,
              cause: execution.cause?.slice(0, 400),
            };
          const open = await listOpenTasksForCase(db, id);
          if (open.length === 0) return undefined;
          return {
            status: execution.status,
            tasks: open.length,
            caseStatus: (await getCase(db, id))?.status,
          };
        }, 240_000);
        expect(settled).toEqual({ status: 'RUNNING', tasks: 1, caseStatus: 'SCREENING' });
      }
      console.log(
        `crash at intake: ${ROUNDS} kill -9 of the stack, ${REFERRALS} referrals (${before.size} answered before a kill): ` +
          `${REFERRALS - ids.size} lost or doubled ids, ${(cases.Items?.length ?? 0) - REFERRALS} extra cases, 0 stuck journeys`,
      );
      sfn.destroy();
      raw.destroy();
      await again.interrupt();
    },
    ROUNDS * 300_000 + 600_000,
  );
});
