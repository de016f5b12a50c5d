import {
  GetAccountCommand,
  SendEmailCommand,
  type SendEmailCommandInput,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { answerEmailsInProcess, refusal } from '../../../local/simulate/in-process-ses';

// The simulation answers its handlers' SES client in process: through the real SDK client, a SendEmail
// the local SES would send gets a message id and one it would refuse fails the same way.

function client(): SESv2Client {
  const ses = new SESv2Client({
    region: 'eu-west-2',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  answerEmailsInProcess(ses);
  return ses;
}

const email = {
  FromEmailAddress: 'noreply@example.org',
  Destination: { ToAddresses: ['worker@example.org'] },
  Content: { Simple: { Subject: { Data: 'A task' }, Body: { Text: { Data: 'Open it.' } } } },
};

describe('emails answered in process', () => {
  it('gives a message id to an email the local SES would send, with no server listening', async () => {
    const sent = await client().send(new SendEmailCommand(email));
    expect(sent.MessageId).toMatch(/^ses-\d{9}$/);
  });

  it.each([
    ['no sender', { ...email, FromEmailAddress: undefined }, 'Must have a from email address.'],
    [
      'no subject',
      { ...email, Content: { Simple: { Body: { Text: { Data: 'x' } } } } },
      'Simple content must have a subject.',
    ],
    [
      'no body',
      { ...email, Content: { Simple: { Subject: { Data: 'x' }, Body: {} } } },
      'Simple content must have a HTML or Text body.',
    ],
  ])('refuses an email with %s as the local SES does', async (_what, bad, reason) => {
    expect(refusal(bad)).toBe(reason);
    await expect(client().send(new SendEmailCommand(bad as SendEmailCommandInput))).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers no other operation', async () => {
    expect(refusal(email)).toBeUndefined();
    const ses = client();
    await expect(ses.send(new GetAccountCommand({}))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
  });
});
