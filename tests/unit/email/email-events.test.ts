import { PutSuppressedDestinationCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../functions/record-email-event';
import { SUPPRESSED_METRIC, suppressionsOf } from '../../../shared/adapters/email/events';
import { useUnitAwsEnvironment } from '../../support/unit-aws';

// SES events from the email-events topic: permanent bounces and complaints are suppressed in the
// account's list and counted for the alarm; nothing else is, and no address reaches the output.

useUnitAwsEnvironment();
const sesMock = mockClient(SESv2Client);

afterEach(() => {
  sesMock.reset();
  vi.restoreAllMocks();
});

const bounce = (bounceType: string, ...addresses: string[]) => ({
  eventType: 'Bounce',
  mail: { messageId: 'm1' },
  bounce: { bounceType, bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress })) },
});
const complaint = (...addresses: string[]) => ({
  eventType: 'Complaint',
  complaint: { complainedRecipients: addresses.map((emailAddress) => ({ emailAddress })) },
});
const snsEvent = (...messages: unknown[]): SNSEvent =>
  ({
    Records: messages.map((message) => ({
      Sns: { Message: typeof message === 'string' ? message : JSON.stringify(message) },
    })),
  }) as unknown as SNSEvent;

describe('email events', () => {
  it('suppresses permanent bounces and complaints only', () => {
    expect(suppressionsOf(bounce('Permanent', 'a@x.example', 'b@x.example'))).toEqual([
      { address: 'a@x.example', reason: 'BOUNCE' },
      { address: 'b@x.example', reason: 'BOUNCE' },
    ]);
    expect(suppressionsOf(complaint('c@x.example'))).toEqual([
      { address: 'c@x.example', reason: 'COMPLAINT' },
    ]);
    expect(suppressionsOf(bounce('Transient', 'd@x.example'))).toEqual([]);
    expect(suppressionsOf({ eventType: 'DeliveryDelay' })).toEqual([]);
    expect(suppressionsOf({ eventType: 'Reject' })).toEqual([]);
  });

  it('puts each address on the suppression list and counts them in a metric without any address', async () => {
    sesMock.on(PutSuppressedDestinationCommand).resolves({});
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });

    const result = await handler(
      snsEvent(
        bounce('Permanent', 'a@x.example'),
        complaint('c@x.example'),
        bounce('Transient', 'd@x.example'),
        'not json',
      ),
    );

    expect(result).toEqual({ suppressed: 2, ignored: 2 });
    expect(sesMock.commandCalls(PutSuppressedDestinationCommand).map((call) => call.args[0].input)).toEqual([
      { EmailAddress: 'a@x.example', Reason: 'BOUNCE' },
      { EmailAddress: 'c@x.example', Reason: 'COMPLAINT' },
    ]);
    const metric = written.map((line) => JSON.parse(line)).find((line) => line._aws);
    expect(metric[SUPPRESSED_METRIC.name]).toBe(2);
    expect(metric._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: SUPPRESSED_METRIC.namespace,
      Metrics: [{ Name: SUPPRESSED_METRIC.name, Unit: 'Count' }],
    });
    expect(written.join('')).not.toMatch(/@x\.example/);
  });

  it('fails the invocation when SES refuses, so SNS retries and then the dead-letter queue keeps it', async () => {
    sesMock.on(PutSuppressedDestinationCommand).rejects(new Error('throttled'));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    await expect(handler(snsEvent(complaint('c@x.example')))).rejects.toThrow('throttled');
  });
});
