import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '../aws/clients';
import type { RenderedEmail } from './templates';

// Sends through SES v2 (the local SES in tests and the local stack). One message per recipient, so
// staff never see each other's addresses and a bounce names one person.

export function senderAddress(): string {
  const sender = process.env.SENDER_ADDRESS;
  if (!sender) throw new Error('SENDER_ADDRESS is not set');
  return sender;
}

export function pagesBaseUrl(): string {
  const base = process.env.PAGES_BASE_URL;
  if (!base) throw new Error('PAGES_BASE_URL is not set');
  return base;
}

export async function sendEmail(to: readonly string[], email: RenderedEmail): Promise<number> {
  const recipients = [...new Set(to)];
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  for (const address of recipients) {
    await ses().send(
      new SendEmailCommand({
        FromEmailAddress: senderAddress(),
        Destination: { ToAddresses: [address] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              Html: { Data: email.html, Charset: 'UTF-8' },
            },
          },
        },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      }),
    );
  }
  return recipients.length;
}
