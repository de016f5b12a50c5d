import { connect, type Socket } from 'node:net';

// The simulation's DynamoDB client sends hundreds of thousands of small requests to DynamoDB Local on
// loopback, and Node's HTTP client with the SDK's handler around it was about an eighth of this
// process's CPU besides the socket writes themselves: a ClientRequest, an IncomingMessage stream, an
// agent and four timers per request, then the SDK collecting the stream into bytes. This request
// handler keeps its own keep-alive connections and speaks the little HTTP/1.1 the SDK and DynamoDB
// Local use: one request written whole (head and body in one write), one response read back
// (Content-Length or chunked), at most one request in flight per connection, at most `maxSockets`
// connections (the SDK's default, 50) with a queue beyond. What the SDK sees is what Node's handler
// gave it: status, lower-case headers and the body, here as bytes. A connection the server closed or
// cut fails its request with the same `ECONNRESET` error code Node's client gives, which the SDK
// retries. No timeouts: the simulation's requests never set one. Only for the simulation's local
// endpoints (plain HTTP on loopback).

interface SdkClient {
  config: unknown;
}

interface OutgoingRequest {
  method: string;
  hostname?: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

interface Answer {
  response: { statusCode: number; reason: string; headers: Record<string, string>; body: Buffer };
}

interface Waiter {
  data: Buffer;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

const HEAD_END = Buffer.from('\r\n\r\n');

function networkError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error('lean HTTP: a request body that is neither text nor bytes');
}

/** One keep-alive connection, one request at a time. */
class Connection {
  private chunks: Buffer[] = [];
  private size = 0;
  private waiter: Waiter | undefined;
  closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly release: (connection: Connection) => void,
    private readonly forget: (connection: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(networkError('socket hang up', 'ECONNRESET')));
  }

  send(waiter: Waiter): void {
    this.waiter = waiter;
    this.socket.write(waiter.data);
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private fail(error: Error): void {
    if (!this.closed) {
      this.closed = true;
      this.forget(this);
      this.socket.destroy();
    }
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) {
      const failure = error as Error & { code?: string };
      waiter.reject(failure.code ? failure : networkError(failure.message, 'ECONNRESET'));
    }
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (!this.waiter) {
      this.fail(networkError('data with no request in flight', 'ECONNRESET'));
      return;
    }
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.chunks = [data];
    let parsed: ReturnType<typeof parseResponse>;
    try {
      parsed = parseResponse(data);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (parsed === undefined) return;
    if (parsed.used !== data.length) {
      this.fail(networkError('more data than one response', 'ECONNRESET'));
      return;
    }
    this.chunks = [];
    this.size = 0;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (parsed.close) {
      this.closed = true;
      this.forget(this);
      this.socket.destroy();
    }
    waiter.resolve({ response: parsed.response });
    if (!this.closed) this.release(this);
  }
}

/** One whole HTTP/1.1 response at the start of `data`, or undefined while more is to come. */
export function parseResponse(
  data: Buffer,
): { response: Answer['response']; used: number; close: boolean } | undefined {
  const headEnd = data.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const lines = data.toString('latin1', 0, headEnd).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!status) throw networkError(`not an HTTP response: ${JSON.stringify(lines[0])}`, 'ECONNRESET');
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const start = headEnd + HEAD_END.length;
  const close = (headers.connection ?? '').toLowerCase() === 'close';
  const response = (body: Buffer) => ({
    statusCode: Number(status[1]),
    reason: status[2] ?? '',
    headers,
    body,
  });
  if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
    const parts: Buffer[] = [];
    let at = start;
    for (;;) {
      const lineEnd = data.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const length = Number.parseInt(data.toString('latin1', at, lineEnd).split(';')[0]!, 16);
      if (!Number.isFinite(length)) throw networkError('bad chunk length', 'ECONNRESET');
      if (length === 0) {
        // The last chunk, then any trailers and the empty line.
        const end = data.indexOf(HEAD_END, lineEnd);
        if (end < 0) return undefined;
        return { response: response(Buffer.concat(parts)), used: end + 4, close };
      }
      const chunkStart = lineEnd + 2;
      if (data.length < chunkStart + length + 2) return undefined;
      parts.push(data.subarray(chunkStart, chunkStart + length));
      at = chunkStart + length + 2;
    }
  }
  const length = Number(headers['content-length'] ?? 0);
  if (data.length < start + length) return undefined;
  return {
    response: response(Buffer.from(data.subarray(start, start + length))),
    used: start + length,
    close,
  };
}

/** A pool of connections to one host and port (see above). */
export class LeanHttpPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly queue: Waiter[] = [];
  private opening = 0;
  private destroyed = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxSockets = 50,
  ) {}

  request(data: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      if (this.destroyed) {
        reject(networkError('the pool is closed', 'ECONNREFUSED'));
        return;
      }
      this.dispatch({ data, resolve, reject });
    });
  }

  destroy(): void {
    this.destroyed = true;
    for (const connection of this.all) connection.destroy();
    this.all.clear();
    this.idle.length = 0;
    for (const waiter of this.queue.splice(0))
      waiter.reject(networkError('the pool is closed', 'ECONNREFUSED'));
  }

  private dispatch(waiter: Waiter): void {
    const connection = this.idle.pop();
    if (connection) {
      connection.send(waiter);
      return;
    }
    if (this.all.size + this.opening < this.maxSockets) {
      this.open(waiter);
      return;
    }
    this.queue.push(waiter);
  }

  private open(waiter: Waiter): void {
    this.opening += 1;
    const socket = connect({ host: this.host, port: this.port });
    const failed = (error: Error) => {
      this.opening -= 1;
      waiter.reject(error);
      const next = this.queue.shift();
      if (next) this.dispatch(next);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      socket.off('error', failed);
      this.opening -= 1;
      const connection = new Connection(
        socket,
        (free) => this.release(free),
        (gone) => this.forget(gone),
      );
      if (this.destroyed) {
        connection.destroy();
        waiter.reject(networkError('the pool is closed', 'ECONNREFUSED'));
        return;
      }
      this.all.add(connection);
      connection.send(waiter);
    });
  }

  private release(connection: Connection): void {
    const next = this.queue.shift();
    if (next) connection.send(next);
    else this.idle.push(connection);
  }

  private forget(connection: Connection): void {
    this.all.delete(connection);
    const index = this.idle.indexOf(connection);
    if (index >= 0) this.idle.splice(index, 1);
    const next = this.queue.shift();
    if (next) this.dispatch(next);
  }
}

function queryString(query: OutgoingRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) parts.push(encodeURIComponent(key));
    else
      for (const one of Array.isArray(value) ? value : [value])
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(one)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** The bytes of `request` as HTTP/1.1 on a keep-alive connection. */
export function requestBytes(request: OutgoingRequest, host: string): Buffer {
  const body = bodyBytes(request.body);
  let head = `${request.method} ${request.path}${queryString(request.query)} HTTP/1.1\r\n`;
  let hasHost = false;
  let hasLength = false;
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host') hasHost = true;
    if (lower === 'content-length') hasLength = true;
    head += `${name}: ${value}\r\n`;
  }
  if (!hasHost) head += `host: ${host}\r\n`;
  if (!hasLength) head += `content-length: ${body.length}\r\n`;
  head += '\r\n';
  const headBytes = Buffer.from(head, 'latin1');
  return body.length === 0 ? headBytes : Buffer.concat([headBytes, body], headBytes.length + body.length);
}

/** Sends `client`'s requests to `endpoint` (http://host:port) through a LeanHttpPool (see above). */
export function leanHttpFor(client: SdkClient, endpoint: string): LeanHttpPool {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:')
    throw new Error(`lean HTTP is for local plain-HTTP endpoints, not ${endpoint}`);
  const host = url.host;
  const pool = new LeanHttpPool(url.hostname, Number(url.port || 80));
  const requestHandler = {
    handle: (request: OutgoingRequest) => pool.request(requestBytes(request, host)),
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy: () => pool.destroy(),
  };
  (client.config as { requestHandler: unknown }).requestHandler = requestHandler;
  return pool;
}
