import type { MiddlewareStack } from '@aws-sdk/types';

// DynamoDB Local, the local SES and the local engine read the access key from a request's
// Authorization header (DynamoDB Local keeps one database per key and region) but never check the
// signature. Signing every request (a SHA-256 of the body and an HMAC chain) was about a third of the
// SDK's CPU per request in the simulation, which runs hundreds of thousands of them on two cores, so
// the simulation's clients send one fixed, well-formed header instead. Only for local endpoints: the
// simulation never talks to AWS.

const AMZ_DATE = '20260401T000000Z';

interface SdkClient {
  config: unknown;
}

interface SignableRequest {
  headers: Record<string, string>;
}

/** Replaces `client`'s SigV4 signer with a fixed Authorization header for access key `local`. */
export function signForLocalOnly(client: SdkClient, service: string, region: string): void {
  const authorization =
    `AWS4-HMAC-SHA256 Credential=local/${AMZ_DATE.slice(0, 8)}/${region}/${service}/aws4_request, ` +
    'SignedHeaders=host;x-amz-date, Signature=local';
  const signer = {
    sign: async (request: SignableRequest) => {
      request.headers.authorization = authorization;
      request.headers['x-amz-date'] = AMZ_DATE;
      return request;
    },
  };
  (client.config as { signer: unknown }).signer = async () => signer;
}

/**
 * Takes out of `client` the middleware that only tells AWS about the caller: the User-Agent header
 * (rebuilt and escaped on every request) and Lambda's trace header (no trace id outside Lambda).
 * DynamoDB Local and the engine read neither. Only for the simulation's local endpoints. A pass-through
 * keeps the User-Agent middleware's name, which Powertools places its own after.
 */
export function leanForLocalOnly<I extends object, O extends object>(client: {
  middlewareStack: MiddlewareStack<I, O>;
}): void {
  client.middlewareStack.remove('getUserAgentMiddleware');
  client.middlewareStack.add((next) => next, { step: 'build', name: 'getUserAgentMiddleware' });
  client.middlewareStack.remove('recursionDetectionMiddleware');
}
