import { requiredEnv } from '../shared/core/environment';
import { documentEventSchema } from '../shared/core/schemas/documents';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { recordDocumentEvent } from '../shared/domain/documents/documents';
import { defaultDb } from '../shared/adapters/data/db';

// EventBridge: S3's "Object Created" on the documents bucket (the bytes arrived: `scanning`) and
// GuardDuty Malware Protection for S3's scan result (`available` or `quarantined`). Locally the local
// scanner (local/s3/scanner.ts) sends the same events. Logs ids only: an object key names no person.

export async function handler(event: unknown): Promise<{ outcome: 'moved' | 'ignored' }> {
  const parsed = parseOrThrow(documentEventSchema, event);
  const outcome = await recordDocumentEvent(defaultDb(), parsed, requiredEnv('DOCUMENTS_BUCKET'));
  return { outcome };
}
