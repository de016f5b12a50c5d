import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { leanHttpFor, parseResponse } from '../../../local/simulate/lean-http';

// The simulation's DynamoDB client speaks HTTP/1.1 through its own small keep-alive pool: the SDK must
// get what Node's handler gives it (answers, errors by type and status, retries of a cut connection),
// whatever the server does with the connection.

type Answer = (request: { target: string; body: string }, res: ServerResponse, req: IncomingMessage) => void;

let server: Server | undefined;
const sockets = new Set<Socket>();
let clients: DynamoDBClient[] = [];

afterEach(async () => {
  for (const client of clients) client.destroy();
  clients = [];
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(
  answer: Answer,
): Promise<{ endpoint: string; connections: () => number; peak: () => number; accepted: () => number }> {
  let open = 0;
  let peak = 0;
  let accepted = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      answer(
        { target: String(req.headers['x-amz-target']), body: Buffer.concat(chunks).toString('utf8') },
        res,
        req,
      ),
    );
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    accepted += 1;
    open += 1;
    peak = Math.max(peak, open);
    socket.on('close', () => {
      open -= 1;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => open,
    peak: () => peak,
    accepted: () => accepted,
  };
}

function client(endpoint: string, maxAttempts = 1): DynamoDBClient {
  const dynamodb = new DynamoDBClient({
    region: 'eu-west-2',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });
  leanHttpFor(dynamodb, endpoint);
  clients.push(dynamodb);
  return dynamodb;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const get = (id: string) => new GetItemCommand({ TableName: 'table', Key: { pk: { S: id } } });

describe('parseResponse', () => {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Twice: a\r\nx-twice: b\r\n';

  it('reads a whole response by its length, and waits for the rest of one', () => {
    const whole = Buffer.from(`${head}Content-Length: 7\r\n\r\n{"a":1}`);
    const parsed = parseResponse(whole)!;
    expect(parsed.response.statusCode).toBe(200);
    expect(parsed.response.headers).toMatchObject({ 'content-type': 'application/json', 'x-twice': 'a, b' });
    expect(parsed.response.body.toString()).toBe('{"a":1}');
    expect(parsed.used).toBe(whole.length);
    expect(parsed.close).toBe(false);
    for (let cut = 0; cut < whole.length; cut += 1)
      expect(parseResponse(whole.subarray(0, cut))).toBeUndefined();
  });

  it('reads a chunked response, and waits for its last chunk', () => {
    const whole = Buffer.from(
      `${head}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n{"a\r\n4\r\n":1}\r\n0\r\n\r\n`,
    );
    const parsed = parseResponse(whole)!;
    expect(parsed.response.body.toString()).toBe('{"a":1}');
    expect(parsed.used).toBe(whole.length);
    expect(parsed.close).toBe(true);
    for (let cut = 0; cut < whole.length; cut += 1)
      expect(parseResponse(whole.subarray(0, cut))).toBeUndefined();
  });

  it('refuses what is not HTTP', () => {
    expect(() => parseResponse(Buffer.from('SSH-2.0-x\r\n\r\n'))).toThrow(/not an HTTP response/);
  });
});

describe('the lean HTTP pool under the SDK', () => {
  it('sends the SDK request whole and gives back answers and errors as Node’s handler does', async () => {
    const seen: { target: string; body: string; headers: IncomingMessage['headers'] }[] = [];
    const { endpoint } = await serve(({ target, body }, res, req) => {
      seen.push({ target, body, headers: req.headers });
      if (target.endsWith('.PutItem'))
        json(
          res,
          400,
          { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'no' },
          { 'x-amzn-RequestId': 'req-1' },
        );
      else json(res, 200, { Item: { pk: { S: 'a' }, n: { N: '7' } } });
    });
    const dynamodb = client(endpoint);
    const got = await dynamodb.send(get('a'));
    expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '7' } });
    expect(got.$metadata.httpStatusCode).toBe(200);
    const put = new PutItemCommand({
      TableName: 'table',
      Item: { pk: { S: 'a' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    await expect(dynamodb.send(put)).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
      $metadata: { httpStatusCode: 400, requestId: 'req-1' },
    });
    expect(seen.map((s) => s.target)).toEqual(['DynamoDB_20120810.GetItem', 'DynamoDB_20120810.PutItem']);
    expect(JSON.parse(seen[0]!.body)).toEqual({ TableName: 'table', Key: { pk: { S: 'a' } } });
    expect(seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength(seen[0]!.body)));
    expect(seen[0]!.headers.host).toBe(new URL(endpoint).host);
  });

  it('keeps connections alive, opens at most 50 and queues the rest', async () => {
    // The server holds its answers until 50 requests wait (or all that are left), then answers them.
    const total = 200;
    let answered = 0;
    let most = 0;
    let held: (() => void)[] = [];
    const { endpoint, peak, accepted } = await serve(({ body }, res) => {
      const id = (JSON.parse(body) as { Key: { pk: { S: string } } }).Key.pk.S;
      held.push(() => json(res, 200, { Item: { pk: { S: id } } }));
      most = Math.max(most, held.length);
      if (held.length === 50 || held.length === total - answered) {
        answered += held.length;
        const now = held;
        held = [];
        for (const answer of now) answer();
      }
    });
    const dynamodb = client(endpoint);
    const ids = Array.from({ length: total }, (_, i) => `id-${i}`);
    const answers = await Promise.all(ids.map((id) => dynamodb.send(get(id))));
    expect(answers.map((a) => a.Item?.pk?.S)).toEqual(ids);
    expect(most).toBe(50);
    expect(peak()).toBe(50);
    expect(accepted()).toBe(50);
    // Kept alive: the next round opens nothing new.
    answered = total - 20;
    await Promise.all(ids.slice(0, 20).map((id) => dynamodb.send(get(id))));
    expect(accepted()).toBe(50);
  });

  it('follows a server that closes each connection, and one that answers in chunks', async () => {
    let n = 0;
    const { endpoint, connections } = await serve((_request, res) => {
      n += 1;
      if (n % 2 === 0) {
        res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0', 'Transfer-Encoding': 'chunked' });
        res.write('{"Item":');
        res.end(`{"pk":{"S":"chunked-${n}"}}}`);
      } else json(res, 200, { Item: { pk: { S: `closed-${n}` } } }, { Connection: 'close' });
    });
    const dynamodb = client(endpoint);
    const got: string[] = [];
    for (let i = 0; i < 6; i += 1) got.push((await dynamodb.send(get('x'))).Item!.pk!.S!);
    expect(got).toEqual(['closed-1', 'chunked-2', 'closed-3', 'chunked-4', 'closed-5', 'chunked-6']);
    expect(connections()).toBeLessThanOrEqual(1);
  });

  it('fails a cut connection with ECONNRESET, which the SDK retries', async () => {
    let n = 0;
    const { endpoint } = await serve((_request, res, req) => {
      n += 1;
      // The first request of each client below is cut.
      if (n <= 2) req.socket.destroy();
      else json(res, 200, { Item: { pk: { S: `answer-${n}` } } });
    });
    await expect(client(endpoint, 1).send(get('x'))).rejects.toMatchObject({ code: 'ECONNRESET' });
    const retried = await client(endpoint, 3).send(get('x'));
    expect(retried.Item?.pk?.S).toBe('answer-3');
    expect(retried.$metadata.attempts).toBe(2);
  });
});
