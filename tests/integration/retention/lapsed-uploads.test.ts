import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalS3Handle } from '../../../local/s3';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { getDocument } from '../../../shared/adapters/data/documents';
import type { Case } from '../../../shared/core/schemas';
import { caseDocuments, requestUpload } from '../../../shared/domain/documents/documents';
import { LOCAL_ARNS } from '../../../workflows/definitions';
import { type JourneyHarness, startJourneyHarness } from '../../support/journey-harness';
import { newCase, referral } from '../../support/records';
import { type DocumentsBucket, startDocumentsBucket } from '../../support/documents-bucket';

// Uploads that never came are marked `expired` by the daily sweep, not only when someone lists the
// case's documents (issue #18): on the engine with its virtual clock moved on, the retention-sweep
// workflow moves every upload still awaited an hour after its link ended, deletes whatever its key
// holds in the bucket, audits each once, and leaves an upload still within its time alone. Nobody
// lists the documents here: each is read by its key.

let harness: JourneyHarness;
let s3: LocalS3Handle;
const dataDir = mkdtempSync(join(tmpdir(), 'sfw-lapsed-uploads-'));
let bucket: DocumentsBucket;
// The real time, to the minute: the local S3 checks an upload link's signature against it.
const START = new Date(Math.floor(Date.now() / 60_000) * 60_000);

beforeAll(async () => {
  harness = await startJourneyHarness({ startTime: START.toISOString(), label: 'lapsed-uploads' });
  bucket = await startDocumentsBucket(dataDir, 'sfw-test-lapsed-uploads');
  s3 = bucket.s3;
});

afterAll(async () => {
  await bucket?.close();
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const caller = {
  kind: 'staff',
  userId: 'fsw-melton',
  role: 'family-support-worker',
  area: 'melton',
} as const;
const BYTES = Buffer.from('%PDF-1.7 a letter');

async function ask(record: Case) {
  return requestUpload(
    harness.tables.db,
    record,
    caller,
    { name: 'Letter to the family.pdf', type: 'letter', contentType: 'application/pdf', size: BYTES.length },
    harness.now(),
  );
}

async function sweep(name: string): Promise<void> {
  const arn = `arn:aws:states:${LOCAL_ARNS.region}:${LOCAL_ARNS.accountId}:stateMachine:retention-sweep`;
  await harness.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: arn,
      name,
      input: JSON.stringify({ schedule: 'retention-sweep', scheduledTime: harness.now().toISOString() }),
    }),
  );
  await harness.settle();
}

describe('the daily sweep and uploads that never came', () => {
  it('deletes what the key of an upload already expired by a read holds, once the sweep comes', async () => {
    // Prepare: bytes came but their event never did; the case's documents read after the link lapsed
    const db = harness.tables.db;
    const record = await newCase(db, { referral: referral({ locality: 'melton' }) });
    const left = await ask(record);
    const put = await fetch(left.upload.url, { method: 'PUT', headers: left.upload.headers, body: BYTES });
    const key = `cases/${record.id}/${left.document.id}`;
    const later = new Date(harness.now().getTime() + 2 * 60 * 60_000);
    const read = await caseDocuments(db, record.id, later);
    const before = await s3.read(key);

    // Act
    await harness.advanceTo(later.toISOString());
    await sweep('retention-sweep-read-first');

    // Assess: expired by the read (audited once), its bytes gone by the sweep
    expect(put.status).toBe(200);
    expect(read.map((document) => document.status)).toEqual(['expired']);
    expect(before).toBeDefined();
    expect(await s3.read(key)).toBeUndefined();
    expect((await getDocument(db, record.id, left.document.id))?.status).toBe('expired');
    const expiries = (await listAuditEvents(db, `case#${record.id}`)).items.filter(
      (event) => event.action === 'document.expired',
    );
    expect(expiries).toHaveLength(1);
  });

  it('marks lapsed uploads expired without anyone listing them, deletes what their key holds, once', async () => {
    // Prepare: one upload never sent; one whose bytes came but whose event never did (no scanner
    // here: the lost-event case); an hour and a half on, a third asked for
    const db = harness.tables.db;
    const start = harness.now().getTime();
    const record = await newCase(db, { referral: referral({ locality: 'melton' }) });
    const never = await ask(record);
    const left = await ask(record);
    const put = await fetch(left.upload.url, { method: 'PUT', headers: left.upload.headers, body: BYTES });
    const leftKey = `cases/${record.id}/${left.document.id}`;
    await harness.advanceTo(new Date(start + 90 * 60_000).toISOString());
    const young = await ask(record);

    // Act: the daily workflow, then again the next day
    await sweep('retention-sweep-lapsed-1');
    const afterFirst = await Promise.all(
      [never, left, young].map(
        async ({ document }) => (await getDocument(db, record.id, document.id))?.status,
      ),
    );
    const leftBytes = await s3.read(leftKey);
    await harness.advanceTo(new Date(start + 26 * 60 * 60_000).toISOString());
    await sweep('retention-sweep-lapsed-2');
    const secondRuns = (await harness.executions('retention-sweep')).filter((run) =>
      run.name.includes('lapsed'),
    );

    // Assess
    expect(put.status).toBe(200);
    expect(afterFirst).toEqual(['expired', 'expired', 'awaiting-upload']);
    expect(leftBytes).toBeUndefined();
    expect(secondRuns.map((run) => run.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect((await getDocument(db, record.id, young.document.id))?.status).toBe('expired');
    const expiries = (await listAuditEvents(db, `case#${record.id}`)).items.filter(
      (event) => event.action === 'document.expired',
    );
    expect(expiries.map((event) => event.details?.documentId).sort()).toEqual(
      [never.document.id, left.document.id, young.document.id].sort(),
    );
    expect(expiries.every((event) => JSON.stringify(event).includes('Letter') === false)).toBe(true);
    expect(expiries.every((event) => event.actor.type === 'system')).toBe(true);
  });
});
