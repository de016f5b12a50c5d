import { randomInt } from 'node:crypto';

// The simulation's emails are counted (meters.ts) and never read: no one opens the local SES's inbox
// during a county-year, which kept every one of them (38,800 a year, HTML and text) in this process's
// memory behind an HTTP request, an Express route and two zod parses each. So the handlers' SES client
// is answered here, after the SDK has built and serialised the request exactly as for SES: a SendEmail
// that the local SES would refuse (no sender, subject or body: aws-ses-v2-local's checks) is refused
// the same way (400, BadRequestException); anything else gets a message id. Only where the run asks
// (`emailsInProcess`: `npm run simulate` and the bench); `runSimulation` otherwise, `npm start`, the
// tests (the personal-data scanner reads every email of its run) and the soak keep the local SES.

interface SdkClient {
  config: unknown;
}

interface OutgoingRequest {
  method: string;
  path: string;
  body?: unknown;
}

interface SimpleEmail {
  FromEmailAddress?: string;
  Content?: {
    Simple?: { Subject?: { Data?: string }; Body?: { Html?: { Data?: string }; Text?: { Data?: string } } };
  };
}

function answer(statusCode: number, body: Record<string, unknown>) {
  return {
    response: {
      statusCode,
      reason: statusCode === 200 ? 'OK' : 'Bad Request',
      headers: {
        'content-type': 'application/json',
        ...(statusCode === 200 ? {} : { 'x-amzn-errortype': 'BadRequestException' }),
      },
      body: new TextEncoder().encode(JSON.stringify(body)),
    },
  };
}

/** Why the local SES would refuse `email`, or undefined when it would send it. */
export function refusal(email: SimpleEmail): string | undefined {
  const simple = email.Content?.Simple;
  if (!simple) return 'Must have Simple content (the only kind the product sends).';
  if (!simple.Body?.Html?.Data && !simple.Body?.Text?.Data)
    return 'Simple content must have a HTML or Text body.';
  if (!simple.Subject?.Data) return 'Simple content must have a subject.';
  if (!email.FromEmailAddress) return 'Must have a from email address.';
  return undefined;
}

/** Answers `client`'s SendEmail requests in this process (see above); any other operation fails. */
export function answerEmailsInProcess(client: SdkClient): void {
  const requestHandler = {
    handle: async (request: OutgoingRequest) => {
      if (request.method !== 'POST' || request.path !== '/v2/email/outbound-emails') {
        return answer(400, { message: `not answered in process: ${request.method} ${request.path}` });
      }
      const body =
        typeof request.body === 'string'
          ? request.body
          : new TextDecoder().decode(request.body as Uint8Array);
      const reason = refusal(JSON.parse(body) as SimpleEmail);
      if (reason) return answer(400, { message: 'Bad Request Exception', detail: reason });
      return answer(200, { MessageId: `ses-${randomInt(100_000_000, 1_000_000_000)}` });
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  (client.config as { requestHandler: unknown }).requestHandler = requestHandler;
}
