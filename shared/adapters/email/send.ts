import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '../aws/clients';
import type { RenderedEmail } from './templates';
import { optionalEnv, requiredEnv } from '../../core/environment';

// Sends through SES v2 (the local SES in tests and the local stack). One message per recipient, so
// staff never see each other's addresses and a bounce names one person.

export function senderAddress(): string {
  return requiredEnv('SENDER_ADDRESS');
}

// The API's handlers are deployed before the API (it references them), so unless the administrator
// configured the pages' address they cannot be told it: they learn it from the requests they serve.
let learnedPagesBaseUrl: string | undefined;

/** Called by the HTTP chains with the gateway's own address (never a client-supplied header). */
export function learnPagesBaseUrl(url: string | undefined): void {
  if (url) learnedPagesBaseUrl = url;
}

export function pagesBaseUrl(): string {
  return optionalEnv('PAGES_BASE_URL') ?? learnedPagesBaseUrl ?? requiredEnv('PAGES_BASE_URL');
}

export async function sendEmail(to: readonly string[], email: RenderedEmail): Promise<number> {
  const recipients = [...new Set(to)];
  const configurationSet = optionalEnv('SES_CONFIGURATION_SET');
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
