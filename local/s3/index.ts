import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from '@20minutes/s3rver';
import { DUMMY_ACCOUNT } from '@20minutes/s3rver/lib/models/account.js';

// The local S3: @20minutes/s3rver (the maintained fork of s3rver; docs/decisions.md, "Case documents")
// keeps objects as files under the data directory and checks SigV4 signatures, presigned URLs
// included (their expiry and their signed headers: a presigned PUT bound to a content type and
// length refuses another). In front of it, one rule of the real bucket s3rver does not keep: an
// unsigned request is refused (the bucket blocks public access), so a test can prove a file is
// reachable only through a link the API signed.

export interface LocalS3Handle {
  endpoint: string;
  port: number;
  bucket: string;
  /** Each object created (a PUT or POST upload), with its key and size in bytes. */
  onObjectCreated(listener: (object: { key: string; size: number; etag: string }) => void): void;
  /** The bytes of an object, or undefined (the scanner reads them as GuardDuty would). */
  read(key: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export interface LocalS3Options {
  /** Where objects are kept (under the stack's data directory). */
  directory: string;
  bucket: string;
  port?: number;
  host?: string;
  /** The key pair requests are signed with (the handlers' local credentials; default local/local). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Origins the pages are served from: the browser's PUT and GET are cross-origin. */
  corsOrigins?: string[];
}

function corsConfiguration(origins: string[]): string {
  const rules = origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>` +
        '<AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>300</MaxAgeSeconds></CORSRule>',
    )
    .join('');
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}

function signed(request: IncomingMessage): boolean {
  if (request.headers.authorization) return true;
  const query = new URL(request.url ?? '/', 'http://local').searchParams;
  return query.has('X-Amz-Algorithm') || query.has('Signature');
}

function refuse(response: ServerResponse): void {
  response.writeHead(403, { 'content-type': 'application/xml' });
  response.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>' +
      '<Message>Access Denied: the bucket blocks public access</Message></Error>',
  );
}

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3Handle> {
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.directory, { recursive: true });
  const credentials = options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' };
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [
      {
        name: options.bucket,
        configs: options.corsOrigins?.length ? [corsConfiguration(options.corsOrigins)] : [],
      },
    ],
  });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const server = createServer((request, response) => {
    if (request.method !== 'OPTIONS' && !signed(request)) {
      request.resume();
      refuse(response);
      return;
    }
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://${host}:${port}`,
    port,
    bucket: options.bucket,
    onObjectCreated(listener) {
      s3rver.on('event', (event) => {
        for (const record of event.Records) {
          if (!record.eventName.startsWith('ObjectCreated:')) continue;
          if (record.s3.bucket.name !== options.bucket) continue;
          listener({
            key: decodeURIComponent(record.s3.object.key),
            size: record.s3.object.size ?? 0,
            etag: record.s3.object.eTag ?? '',
          });
        }
      });
    },
    async read(key) {
      const object = await s3rver.store.getObject(options.bucket, key);
      if (!object?.content) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of object.content) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
