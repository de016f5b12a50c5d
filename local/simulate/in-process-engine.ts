import type { ApiAnswer } from '../engine';

// The simulation's Step Functions clients (the handlers' and its own) talk to the engine in this very
// process, yet each call went through Node's HTTP client and the engine's HTTP server on the one event
// loop the handlers also run on: both ends of a loopback request, about 4,000 a 330-family year. So
// those clients' request handler answers here, after the SDK has built and serialised the request as
// for Step Functions, with what the HTTP API would answer (`answerAction`, the server's own POST
// path: the same actions, statuses, error bodies and headers), which the SDK then parses, retries and
// raises as before. The call runs in a turn of the event loop of its own (`setImmediate`), as a
// request arriving on a socket would, never inside its caller's. Only for the simulation; `npm start`,
// the tests of the API and the soak (which kills the engine) keep HTTP.

interface SdkClient {
  config: unknown;
}

interface OutgoingRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface InProcessEngine {
  answer(target: string, body: string): Promise<ApiAnswer>;
}

function response(answer: ApiAnswer) {
  const headers: Record<string, string> = {};
  // Node's HTTP client gives the SDK lower-case header names.
  for (const [name, value] of Object.entries(answer.headers)) headers[name.toLowerCase()] = value;
  return {
    response: {
      statusCode: answer.status,
      headers,
      body: Buffer.from(answer.body, 'utf8'),
    },
  };
}

function header(headers: Record<string, string>, name: string): string {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return '';
}

function text(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  throw new Error('in-process engine: a request body that is neither text nor bytes');
}

/** Answers `client`'s Step Functions requests with `engine`, in this process (see above). */
export function answerEngineInProcess(client: SdkClient, engine: InProcessEngine): void {
  const requestHandler = {
    handle: async (request: OutgoingRequest) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      // The SDK's JSON protocol always POSTs to `/`: the target header names the action.
      return response(await engine.answer(header(request.headers, 'x-amz-target'), text(request.body)));
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  (client.config as { requestHandler: unknown }).requestHandler = requestHandler;
}
