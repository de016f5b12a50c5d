import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { requiredEnv } from '../../core/environment';
import { s3 } from '../aws/clients';

// The documents bucket (DOCUMENTS_BUCKET): presigned links and deletion. The bucket is encrypted with
// its own customer-managed key (infra/documents), blocks public access and refuses plain HTTP; a file
// is reached only through a link signed here, for minutes. Keys are opaque (`cases/<caseId>/<id>`):
// the file's name, personal data, is never part of a key or a URL.

export interface PresignedLink {
  url: string;
  method: 'PUT' | 'GET';
  expiresAt: string;
  headers: Record<string, string>;
}

function bucket(): string {
  return requiredEnv('DOCUMENTS_BUCKET');
}

function expiry(seconds: number): string {
  // Signed on the machine's clock, as S3 checks it (not the local stack's virtual clock).
  return new Date(Date.now() + seconds * 1000).toISOString();
}

/** A PUT link signed for exactly this content type and length: another type or size is refused by S3. */
export async function presignUpload(
  key: string,
  file: { contentType: string; size: number },
  seconds: number,
): Promise<PresignedLink> {
  const command = new PutObjectCommand({
    Bucket: bucket(),
    Key: key,
    ContentType: file.contentType,
    ContentLength: file.size,
  });
  const url = await getSignedUrl(s3(), command, {
    expiresIn: seconds,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return {
    url,
    method: 'PUT',
    expiresAt: expiry(seconds),
    headers: { 'content-type': file.contentType },
  };
}

/** A GET link that makes the browser save the file under `fileName` (already made safe by the caller). */
export async function presignDownload(
  key: string,
  file: { fileName: string; contentType: string },
  seconds: number,
): Promise<PresignedLink> {
  const command = new GetObjectCommand({
    Bucket: bucket(),
    Key: key,
    ResponseContentDisposition: `attachment; filename="${file.fileName}"`,
    ResponseContentType: file.contentType,
  });
  const url = await getSignedUrl(s3(), command, { expiresIn: seconds });
  return { url, method: 'GET', expiresAt: expiry(seconds), headers: {} };
}

/**
 * The origin links to the bucket point at (the pages' script sends the upload there, so the page's
 * content security policy names it). Computed by signing, so it is the SDK's own endpoint choice.
 */
export async function bucketOrigin(): Promise<string> {
  const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket(), Key: 'cases/' }), {
    expiresIn: 1,
  });
  return new URL(url).origin;
}

/**
 * Deletes these objects (one DeleteObject each: a case has a handful). Deleting a missing key succeeds,
 * so a sweep run again after a failure finishes the job. The keys come from the document items, so the
 * handler needs no s3:ListBucket.
 */
export async function deleteObjects(keys: readonly string[]): Promise<void> {
  for (const key of keys) await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}
