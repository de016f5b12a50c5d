import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EngineApi } from './engine-api';
import { actions } from './actions';
import { ApiError } from './errors';

const TARGET_PREFIX = 'AWSStepFunctions.';
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError('ValidationException', 'Request body too large', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An answer of the API, before HTTP: what `send` writes, and what an in-process caller gets. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  /** The JSON text of the body. */
  body: string;
}

function answerOf(status: number, body: unknown, headers: Record<string, string> = {}): ApiAnswer {
  const text = JSON.stringify(body);
  return {
    status,
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': String(Buffer.byteLength(text)),
      'x-amzn-RequestId': randomUUID(),
      ...headers,
    },
    body: text,
  };
}

function errorAnswer(err: ApiError): ApiAnswer {
  return answerOf(
    err.status,
    { __type: `com.amazonaws.swf.service.v2.model#${err.code}`, message: err.message },
    { 'x-amzn-ErrorType': err.code },
  );
}

function write(res: ServerResponse, answer: ApiAnswer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  write(res, answerOf(status, body, headers));
}

function sendError(res: ServerResponse, err: ApiError): void {
  write(res, errorAnswer(err));
}

/** The Step Functions API (AWS JSON 1.0) plus the local-only `/_local/*` endpoints. */
export function createApiServer(rt: EngineApi): Server {
  return createServer((req, res) => {
    handle(rt, req, res).catch((e) => {
      if (e instanceof ApiError) {
        sendError(res, e);
        return;
      }
      console.error('engine: API failure', e);
      sendError(res, new ApiError('InternalServerError', e instanceof Error ? e.message : String(e), 500));
    });
  });
}

async function handle(rt: EngineApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/_local/health') {
    send(res, 200, { status: 'ok' });
    return;
  }
  if (url.pathname === '/_local/clock') {
    await clock(rt, req, res);
    return;
  }
  if (req.method !== 'POST') {
    sendError(res, new ApiError('UnknownOperationException', `Unsupported method ${req.method}`, 404));
    return;
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  write(res, await answerAction(rt, target, await readBody(req)));
}

/**
 * One Step Functions API call (`X-Amz-Target` and its JSON body) answered as the HTTP server answers
 * it, status, headers and body, errors included: the server's POST path, and the simulation's
 * in-process client (local/simulate/in-process-engine.ts).
 */
export async function answerAction(rt: EngineApi, target: string, text: string): Promise<ApiAnswer> {
  try {
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!action) {
      return errorAnswer(
        new ApiError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`),
      );
    }
    let body: Record<string, unknown>;
    try {
      body = text.length === 0 ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      return errorAnswer(new ApiError('SerializationException', 'Malformed JSON request body'));
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return errorAnswer(new ApiError('SerializationException', 'The request body must be a JSON object'));
    }
    return answerOf(200, await action(rt, body));
  } catch (e) {
    if (e instanceof ApiError) return errorAnswer(e);
    console.error('engine: API failure', e);
    return errorAnswer(new ApiError('InternalServerError', e instanceof Error ? e.message : String(e), 500));
  }
}

async function clock(rt: EngineApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') {
    send(res, 200, { now: rt.describeClock() }, { 'Content-Type': 'application/json' });
    return;
  }
  if (req.method !== 'POST') {
    sendError(res, new ApiError('ValidationException', 'Use GET or POST on /_local/clock', 405));
    return;
  }
  if (!rt.virtual) {
    sendError(
      res,
      new ApiError('ValidationException', 'The engine runs on the real clock; start it with --virtual-clock'),
    );
    return;
  }
  let body: { advanceSeconds?: unknown; set?: unknown };
  try {
    body = JSON.parse((await readBody(req)) || '{}');
  } catch {
    sendError(
      res,
      new ApiError('ValidationException', 'The body must be JSON: {"advanceSeconds": N} or {"set": ISO}'),
    );
    return;
  }
  let target: number;
  if (body.advanceSeconds !== undefined) {
    if (
      typeof body.advanceSeconds !== 'number' ||
      !Number.isFinite(body.advanceSeconds) ||
      body.advanceSeconds < 0
    ) {
      sendError(res, new ApiError('ValidationException', 'advanceSeconds must be a non-negative number'));
      return;
    }
    target = rt.now() + body.advanceSeconds * 1000;
  } else if (body.set !== undefined) {
    const ms = typeof body.set === 'string' ? Date.parse(body.set) : Number.NaN;
    if (Number.isNaN(ms)) {
      sendError(res, new ApiError('ValidationException', 'set must be an ISO-8601 date-time'));
      return;
    }
    target = ms;
  } else {
    sendError(res, new ApiError('ValidationException', 'Give advanceSeconds or set'));
    return;
  }
  await rt.moveClock(target);
  send(res, 200, { now: rt.describeClock() }, { 'Content-Type': 'application/json' });
}
