import { join } from 'node:path';
import { type LocalS3Handle, startLocalS3 } from '../../local/s3';
import { resetClients } from '../../shared/adapters/aws/clients';

/**
 * A local S3 bucket the documents adapter uses for one test file: it points the adapter's environment at
 * it, and `close` puts back what was there (a file's env changes would otherwise leak into the next file
 * sharing the worker).
 */
export interface DocumentsBucket {
  s3: LocalS3Handle;
  close(): Promise<void>;
}

export async function startDocumentsBucket(dataDir: string, bucket: string): Promise<DocumentsBucket> {
  const saved = { endpoint: process.env.AWS_ENDPOINT_URL_S3, bucket: process.env.DOCUMENTS_BUCKET };
  const s3 = await startLocalS3({ directory: join(dataDir, 's3'), bucket });
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  process.env.DOCUMENTS_BUCKET = s3.bucket;
  resetClients();
  return {
    s3,
    async close() {
      await s3.close();
      if (saved.endpoint === undefined) delete process.env.AWS_ENDPOINT_URL_S3;
      else process.env.AWS_ENDPOINT_URL_S3 = saved.endpoint;
      if (saved.bucket === undefined) delete process.env.DOCUMENTS_BUCKET;
      else process.env.DOCUMENTS_BUCKET = saved.bucket;
      resetClients();
    },
  };
}
