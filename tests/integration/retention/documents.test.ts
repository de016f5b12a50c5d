import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalS3Handle } from '../../../local/s3';
import { getCase, updateCase } from '../../../shared/adapters/data/cases';
import { listDocuments } from '../../../shared/adapters/data/documents';
import type { Case } from '../../../shared/core/schemas';
import { deleteCaseFiles, requestUpload } from '../../../shared/domain/documents/documents';
import { sweepRetention } from '../../../shared/domain/retention/sweep';
import { ACTOR, newCase, referral } from '../../support/records';
import { createTestTables, type TestTables } from '../../support/tables';
import { type DocumentsBucket, startDocumentsBucket } from '../../support/documents-bucket';

// The retention sweep takes a case's files with it (issue #18): the objects in the documents bucket
// first, then the case's partition with their items, so a sweep that stops half-way and runs again
// still finds the keys it has to delete. A younger case keeps its files.

let tables: TestTables;
let s3: LocalS3Handle;
const dataDir = mkdtempSync(join(tmpdir(), 'sfw-retention-documents-'));
let bucket: DocumentsBucket;

beforeAll(async () => {
  tables = await createTestTables('retention-documents');
  bucket = await startDocumentsBucket(dataDir, 'sfw-test-retention');
  s3 = bucket.s3;
});

afterAll(async () => {
  await bucket?.close();
  await tables?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const caller = {
  kind: 'staff',
  userId: 'fsw-melton',
  role: 'family-support-worker',
  area: 'melton',
} as const;

/** A case that ended (withdrawn) at `endedAt`, with two files uploaded to it. */
async function endedCaseWithFiles(endedAt: string): Promise<{ record: Case; keys: string[] }> {
  const fresh = await newCase(tables.db, { referral: referral({ locality: 'melton' }), receivedAt: endedAt });
  const keys: string[] = [];
  for (const name of ['consent.pdf', 'letter.pdf']) {
    const bytes = Buffer.from(`%PDF-1.7 ${name}`);
    const { document, upload } = await requestUpload(
      tables.db,
      fresh,
      caller,
      { name, type: 'letter', contentType: 'application/pdf', size: bytes.length },
      new Date(endedAt),
    );
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
    expect(put.status).toBe(200);
    keys.push(`cases/${fresh.id}/${document.id}`);
  }
  const record = await updateCase(tables.db, {
    id: fresh.id,
    expectedVersion: fresh.version,
    now: endedAt,
    actor: ACTOR,
    status: 'WITHDRAWN',
  });
  return { record, keys };
}

describe('retention sweep and case documents', () => {
  it("deletes a case's files before the case, keeps a younger case's, and can run again", async () => {
    // Prepare
    const old = await endedCaseWithFiles('2020-05-04T10:00:00.000Z');
    const young = await endedCaseWithFiles('2021-06-01T10:00:00.000Z');

    // Act
    const swept = await sweepRetention(tables.db, new Date('2026-11-23T02:30:00.000Z'));
    const again = await deleteCaseFiles(tables.db, old.record.id);

    // Assess
    expect(swept).toEqual({ deleted: 1, more: false });
    expect(await getCase(tables.db, old.record.id)).toBeUndefined();
    expect(await listDocuments(tables.db, old.record.id)).toEqual([]);
    for (const key of old.keys) expect(await s3.read(key)).toBeUndefined();
    expect(again).toBe(0);
    expect(await listDocuments(tables.db, young.record.id)).toHaveLength(2);
    for (const key of young.keys) expect(await s3.read(key)).toBeDefined();
  });

  it('deletes files already gone without failing, so a sweep stopped half-way finishes', async () => {
    // Prepare: its files deleted by an earlier attempt that stopped before the case went
    const old = await endedCaseWithFiles('2020-05-05T10:00:00.000Z');
    await deleteCaseFiles(tables.db, old.record.id);

    // Act
    const swept = await sweepRetention(tables.db, new Date('2026-11-24T02:30:00.000Z'));

    // Assess
    expect(swept.deleted).toBe(1);
    expect(await getCase(tables.db, old.record.id)).toBeUndefined();
    for (const key of old.keys) expect(await s3.read(key)).toBeUndefined();
  });
});
