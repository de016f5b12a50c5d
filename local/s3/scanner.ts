import {
  type DocumentEvent,
  type ObjectCreatedEvent,
  SCAN_RESULT_DETAIL_TYPE,
  type ScanResultEvent,
} from '../../shared/core/schemas/documents';
import type { LocalS3Handle } from './index';

// The local stand-in for GuardDuty Malware Protection for S3: for each object created in the documents
// bucket it delivers S3's "Object Created" event and then a scan result, in the shapes EventBridge
// delivers on AWS, to the same handler (functions/record-document-event.ts). A file holding the EICAR
// test string is a threat; anything else is clean. `settled()` answers once every scan begun has been
// delivered, so a test waits on it instead of sleeping.

/** The EICAR anti-virus test file's signature (not a virus: every scanner treats it as one). */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface LocalScanner {
  /** Resolves when every scan begun so far has been delivered (or has failed, reported by `onError`). */
  settled(): Promise<void>;
}

export function startLocalScanner(
  s3: LocalS3Handle,
  deliver: (event: DocumentEvent) => Promise<unknown>,
  onError: (error: Error) => void = () => {},
): LocalScanner {
  const pending = new Set<Promise<void>>();
  const scan = async (object: { key: string; size: number }) => {
    const created: ObjectCreatedEvent = {
      source: 'aws.s3',
      'detail-type': 'Object Created',
      time: new Date().toISOString(),
      detail: { bucket: { name: s3.bucket }, object: { key: object.key, size: object.size } },
    };
    await deliver(created);
    const bytes = await s3.read(object.key);
    const threat = bytes?.includes(EICAR) ?? false;
    const result: ScanResultEvent = {
      source: 'aws.guardduty',
      'detail-type': SCAN_RESULT_DETAIL_TYPE,
      time: new Date().toISOString(),
      detail: {
        scanStatus: 'COMPLETED',
        resourceType: 'S3_OBJECT',
        s3ObjectDetails: { bucketName: s3.bucket, objectKey: object.key },
        scanResultDetails: {
          scanResultStatus: threat ? 'THREATS_FOUND' : 'NO_THREATS_FOUND',
          threats: threat ? [{ name: 'EICAR-Test-File (not a virus)' }] : null,
        },
      },
    };
    await deliver(result);
  };
  s3.onObjectCreated((object) => {
    const run: Promise<void> = scan(object)
      .catch((error: unknown) => onError(error as Error))
      .finally(() => pending.delete(run));
    pending.add(run);
  });
  return {
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
