import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
} from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { referralOf } from '../../../local/simulate/population';
import { runSimulation, type SimulationRun } from '../../../local/simulate/run';
import { logger } from '../../../shared/core/logger';

// The personal-data scanner (issue 15, Proofs): a small simulation through the real local stack, then
// every log line, email, metric item and execution history it produced is searched for each family's
// seeded names, dates of birth, address and postcode, and the referrer's name and email. Personal data
// belongs in the case record only (docs/security.md).

// Before any module creates its logger: every level, so a debug line cannot hide a leak.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

const FAMILIES = 6;

interface Finding {
  where: string;
  needle: string;
}

let run: SimulationRun;
const logLines: string[] = [];
const restore: (() => void)[] = [];

function capture(stream: NodeJS.WriteStream) {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  restore.push(() => {
    stream.write = original as typeof stream.write;
  });
}

function captureConsole() {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      logLines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      original(...args);
    };
    restore.push(() => {
      console[method] = original;
    });
  }
}

/** Every seeded personal detail of the simulation's families, in the forms it could be printed in. */
function needles(): string[] {
  const found = new Set<string>();
  for (const family of run.families) {
    const referral = referralOf(family) as {
      referrer: { name: string; email: string };
      consent: { givenBy: string };
      family: {
        members: { givenName: string; familyName: string; dateOfBirth: string }[];
        address: { line1: string; town: string; postcode: string };
      };
    };
    for (const member of referral.family.members) {
      found.add(`${member.givenName} ${member.familyName}`);
      found.add(member.familyName);
      if (member.givenName !== 'Parent') found.add(member.givenName);
      found.add(member.dateOfBirth);
    }
    const { address } = referral.family;
    found.add(address.line1);
    found.add(address.town);
    found.add(address.postcode);
    found.add(address.postcode.replace(' ', ''));
    found.add(referral.consent.givenBy);
    found.add(referral.referrer.name);
    found.add(referral.referrer.email);
  }
  return [...found];
}

function scan(where: string, text: string, list: string[], findings: Finding[]) {
  const lower = text.toLowerCase();
  for (const needle of list) {
    // Word-bounded, so Family1 does not match inside Family12 and a date inside a longer token counts.
    const at = lower.indexOf(needle.toLowerCase());
    if (at < 0) continue;
    const after = lower[at + needle.length] ?? '';
    if (/[0-9]/.test(needle.at(-1)!) && /[0-9]/.test(after)) continue;
    findings.push({ where, needle });
  }
}

beforeAll(async () => {
  capture(process.stdout);
  capture(process.stderr);
  captureConsole();
  run = await runSimulation({ families: FAMILIES, days: 40, seed: 15, workers: 48, start: '2026-05-01' });
}, 600_000);

afterAll(async () => {
  for (const undo of restore.splice(0)) undo();
  await run?.runtime.close();
});

describe('the personal-data scanner', () => {
  it('finds its needles where they belong: in the case records', async () => {
    const list = needles();
    const findings: Finding[] = [];
    const cases = await run.runtime.db.client.send(
      new ScanCommand({
        TableName: run.runtime.db.tableName,
        FilterExpression: 'itemType = :case',
        ExpressionAttributeValues: { ':case': 'case' },
      }),
    );
    scan('cases', JSON.stringify(cases.Items), list, findings);
    expect(cases.Items?.length).toBe(FAMILIES);
    // The scanner works: every family's child and address are found in the table's case items.
    const found = new Set(findings.map((finding) => finding.needle));
    for (const family of run.families) {
      expect(found).toContain(`Child${family.index}`);
      expect(found).toContain(`${family.index} Simulation Road`);
    }
  });

  it('finds none in any log line, email, metric item or execution history', async () => {
    const list = needles();
    const findings: Finding[] = [];
    // Log lines: the capture is proven by a canary through the handlers' own logger.
    logger.info('personal-data scanner canary');
    expect(logLines.some((line) => line.includes('personal-data scanner canary'))).toBe(true);
    for (const [index, line] of logLines.entries()) scan(`log line ${index}`, line, list, findings);
    // Emails: sender, subject and bodies
    const emails = await run.runtime.ses.emails();
    expect(emails.length).toBeGreaterThan(0);
    // An email to the referrer is addressed to them: the recipient is not a leak, the words are.
    for (const email of emails) {
      const words = JSON.stringify({ from: email.from, subject: email.subject, body: email.body });
      scan(`email ${email.messageId}`, words, list, findings);
    }
    // Metric counters, metric events, reports and every other non-case item in the table
    let startKey: Record<string, unknown> | undefined;
    let metricItems = 0;
    do {
      const page = await run.runtime.db.client.send(
        new ScanCommand({ TableName: run.runtime.db.tableName, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) {
        const pk = String(item.pk);
        if (pk.startsWith('METRIC') || pk.startsWith('REPORT#')) {
          metricItems += 1;
          scan(`item ${pk} ${String(item.sk)}`, JSON.stringify(item), list, findings);
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(metricItems).toBeGreaterThan(0);
    // Execution names and histories of every state machine
    let histories = 0;
    const machines = await run.runtime.sfn.send(new ListStateMachinesCommand({}));
    for (const machine of machines.stateMachines ?? []) {
      let executionToken: string | undefined;
      do {
        const executions = await run.runtime.sfn.send(
          new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, nextToken: executionToken }),
        );
        for (const execution of executions.executions ?? []) {
          scan(`execution name ${execution.executionArn}`, execution.name ?? '', list, findings);
          let historyToken: string | undefined;
          do {
            const history = await run.runtime.sfn.send(
              new GetExecutionHistoryCommand({
                executionArn: execution.executionArn,
                nextToken: historyToken,
                includeExecutionData: true,
              }),
            );
            scan(`history of ${execution.executionArn}`, JSON.stringify(history.events), list, findings);
            historyToken = history.nextToken;
          } while (historyToken);
          histories += 1;
        }
        executionToken = executions.nextToken;
      } while (executionToken);
    }
    expect(histories).toBeGreaterThanOrEqual(FAMILIES);
    expect(findings.slice(0, 20)).toEqual([]);
  });
});
