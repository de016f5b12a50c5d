import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { handler as recordDocumentEvent } from '../../../functions/record-document-event';
import { getDocument } from '../../../shared/adapters/data/documents';
import { caseDocuments, UPLOAD_EXPIRES_AFTER_SECONDS } from '../../../shared/domain/documents/documents';
import { EICAR } from '../../../local/s3/scanner';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// A case's documents through the staff API on the real local stack's parts (issue #18): a link to PUT
// exactly the declared type and size, the bytes straight to the local S3, the local stand-in for
// GuardDuty Malware Protection scanning them, a download only once clean, through a one-minute link
// with a safe file name, every step audited with ids only, and nothing for anyone outside the case.

let api: TestApi;
/** A case for the tests that need one but change nothing of it (a worker's caseload is small). */
let shared: Awaited<ReturnType<typeof allocatedCase>>;

beforeAll(async () => {
  api = await startTestApi('documents', { documents: true });
  shared = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
});

afterAll(async () => {
  await api?.close();
});

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

const PDF = Buffer.from('%PDF-1.7\n% a signed consent form\n%%EOF\n');
const consent = {
  name: 'Kerry Testfamily consent (signed).pdf',
  type: 'signed-consent',
  contentType: 'application/pdf',
  size: PDF.length,
};

async function upload(link: { url: string; headers: Record<string, string> }, bytes: Buffer | string) {
  return fetch(link.url, { method: 'PUT', headers: link.headers, body: bytes });
}

describe('case documents', () => {
  it('uploads through a signed link, scans, then gives a one-minute download link, audited with ids only', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/documents`;

    // Act
    const requested = await as('fsw-blaby', 'POST', path, consent);
    const before = await as('fsw-blaby', 'GET', `${path}/${requested.body.document.id}`);
    const put = await upload(requested.body.upload, PDF);
    await api.scanner!.settled();
    const listed = await as('senior-blaby', 'GET', path);
    const got = await as('senior-blaby', 'GET', `${path}/${requested.body.document.id}`);
    const file = await fetch(got.body.download.url);

    // Assess
    expect(requested.status).toBe(201);
    const { document, upload: link } = requested.body;
    expect(document).toMatchObject({
      ...consent,
      caseId: record.id,
      status: 'awaiting-upload',
      uploadedBy: 'fsw-blaby',
    });
    expect(link.url).toContain(`/cases/${record.id}/${document.id}?`);
    expect(link.url).not.toMatch(/Kerry|Testfamily|consent/i);
    expect(link.url).toContain('X-Amz-Expires=300');
    expect(before.status).toBe(409);
    expect(before.headers.get('content-type')).toContain('application/problem+json');
    expect(put.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: document.id, status: 'available', scanResult: 'NO_THREATS_FOUND' }),
    ]);
    expect(got.status).toBe(200);
    expect(got.body.download.url).toContain('X-Amz-Expires=60');
    expect(got.body.download.url).not.toMatch(/Kerry|Testfamily/);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="${record.reference}-signed-consent-${document.id.slice(-6).toLowerCase()}.pdf"`,
    );
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
    const audit = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter((event) =>
      event.action.startsWith('document.'),
    );
    expect(audit.map((event) => [event.action, event.actor.id, event.details?.documentId])).toEqual([
      ['document.upload-requested', 'fsw-blaby', document.id],
      ['document.received', 's3', document.id],
      ['document.scanned', 'malware-scan', document.id],
      ['document.downloaded', 'senior-blaby', document.id],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Kerry|Testfamily|consent \(signed\)/);
  });

  it('quarantines a file the scan finds a threat in, and never gives a link to it', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/documents`;
    const requested = await as('fsw-blaby', 'POST', path, { ...consent, size: EICAR.length });

    // Act
    await upload(requested.body.upload, EICAR);
    await api.scanner!.settled();
    const got = await as('fsw-blaby', 'GET', `${path}/${requested.body.document.id}`);
    const listed = await as('fsw-blaby', 'GET', path);

    // Assess
    expect(got.status).toBe(409);
    expect(got.body.detail).toMatch(/quarantined/);
    expect(listed.body.items[0]).toMatchObject({ status: 'quarantined', scanResult: 'THREATS_FOUND' });
  });

  it('refuses a file of another type or size than the link was signed for, and an unsigned request', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const requested = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/documents`, consent);
    const link = requested.body.upload;
    const bare = link.url.split('?')[0];

    // Act
    const bigger = await upload(link, Buffer.concat([PDF, Buffer.from('more')]));
    const otherType = await fetch(link.url, {
      method: 'PUT',
      headers: { 'content-type': 'text/html' },
      body: PDF,
    });
    const unsigned = await fetch(bare, { method: 'PUT', headers: link.headers, body: PDF });
    const unsignedRead = await fetch(bare);
    await api.scanner!.settled();
    const listed = await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/documents`);

    // Assess
    expect([bigger.status, otherType.status, unsigned.status, unsignedRead.status]).toEqual([
      403, 403, 403, 403,
    ]);
    expect(listed.body.items[0].status).toBe('awaiting-upload');
  });

  it.each([
    ['a file too large', { size: 10 * 1024 * 1024 + 1 }, 'size'],
    ['an empty file', { size: 0 }, 'size'],
    ['a type not accepted', { contentType: 'text/html' }, 'contentType'],
    ['a path for a name', { name: '../../etc/passwd' }, 'name'],
    ['an unknown kind of document', { type: 'selfie' }, 'type'],
  ])('refuses %s, naming the field', async (_, change, field) => {
    // Act
    const answer = await as('fsw-blaby', 'POST', `/v1/cases/${shared.id}/documents`, {
      ...consent,
      ...change,
    });

    // Assess
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(answer.body)).toContain(field);
  });

  it.each([
    ['a worker of another locality', 'fsw-melton'],
    ['a senior of another locality', 'senior-melton'],
    ["the locality's manager, who sees a case's facts only", 'manager-blaby'],
    ["the head of service, who sees a case's facts only", 'head'],
  ])('shows %s nothing: no list, no link, no upload', async (_, username) => {
    // Prepare
    const path = `/v1/cases/${shared.id}/documents`;
    const requested = await as('fsw-blaby', 'POST', path, consent);
    await upload(requested.body.upload, PDF);
    await api.scanner!.settled();

    // Act
    const answers = [
      await as(username, 'GET', path),
      await as(username, 'GET', `${path}/${requested.body.document.id}`),
      await as(username, 'POST', path, consent),
    ];

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    expect(answers.map((answer) => answer.text).join()).not.toContain(requested.body.document.id);
  });

  it('marks an upload whose link lapsed without bytes expired when the documents are read, and takes late bytes all the same', async () => {
    // Prepare: two uploads asked for; one is never sent
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/documents`;
    const never = await as('fsw-blaby', 'POST', path, consent);
    const late = await as('fsw-blaby', 'POST', path, consent);
    const justBefore = new Date(Date.now() + (UPLOAD_EXPIRES_AFTER_SECONDS - 60) * 1000);
    const after = new Date(Date.now() + (UPLOAD_EXPIRES_AFTER_SECONDS + 60) * 1000);

    // Act: read before and after the link's life and its margin; then the second file's bytes arrive
    const early = await caseDocuments(api.tables.db, record.id, justBefore);
    const lapsed = await caseDocuments(api.tables.db, record.id, after);
    const again = await caseDocuments(api.tables.db, record.id, after);
    const put = await upload(late.body.upload, PDF);
    await api.scanner!.settled();

    // Assess
    expect(early.map((document) => document.status)).toEqual(['awaiting-upload', 'awaiting-upload']);
    expect(lapsed.map((document) => document.status)).toEqual(['expired', 'expired']);
    expect(again.map((document) => document.status)).toEqual(['expired', 'expired']);
    expect(put.status).toBe(200);
    expect((await getDocument(api.tables.db, record.id, never.body.document.id))?.status).toBe('expired');
    expect((await getDocument(api.tables.db, record.id, late.body.document.id))?.status).toBe('available');
    const expiries = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter(
      (event) => event.action === 'document.expired',
    );
    expect(expiries.map((event) => event.details?.documentId).sort()).toEqual(
      [never.body.document.id, late.body.document.id].sort(),
    );
    const listed = await as('fsw-blaby', 'GET', path);
    expect(listed.body.items.map((document: { status: string }) => document.status).sort()).toEqual([
      'available',
      'expired',
    ]);
  });

  it('answers 404 for a document of another case', async () => {
    // Prepare
    const other = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const requested = await as('fsw-blaby', 'POST', `/v1/cases/${other.id}/documents`, consent);

    // Act
    const crossed = await as(
      'fsw-blaby',
      'GET',
      `/v1/cases/${shared.id}/documents/${requested.body.document.id}`,
    );
    const notAnId = await as('fsw-blaby', 'GET', `/v1/cases/${other.id}/documents/not-an-id`);

    // Assess
    expect([crossed.status, notAnId.status]).toEqual([404, 404]);
  });

  it('records each scan once: a repeated or contrary late result, and events for unknown keys, change nothing', async () => {
    // Prepare
    const path = `/v1/cases/${shared.id}/documents`;
    const requested = await as('fsw-blaby', 'POST', path, consent);
    await upload(requested.body.upload, PDF);
    await api.scanner!.settled();
    const key = `cases/${shared.id}/${requested.body.document.id}`;
    const result = (bucket: string, objectKey: string, status: string) => ({
      source: 'aws.guardduty',
      'detail-type': 'GuardDuty Malware Protection Object Scan Result',
      time: new Date().toISOString(),
      detail: {
        scanStatus: 'COMPLETED',
        resourceType: 'S3_OBJECT',
        s3ObjectDetails: { bucketName: bucket, objectKey },
        scanResultDetails: { scanResultStatus: status, threats: null },
      },
    });

    // Act
    const outcomes = [
      await recordDocumentEvent(result(api.s3!.bucket, key, 'THREATS_FOUND')),
      await recordDocumentEvent(result('another-bucket', key, 'THREATS_FOUND')),
      await recordDocumentEvent(
        result(api.s3!.bucket, `cases/${shared.id}/01KB45A1B2C3D4E5F6G7H8J9K0`, 'NO_THREATS_FOUND'),
      ),
      await recordDocumentEvent(result(api.s3!.bucket, 'elsewhere/file.pdf', 'NO_THREATS_FOUND')),
      // S3's arrival event, late, after the scan: the document stays where the scan put it
      await recordDocumentEvent({
        source: 'aws.s3',
        'detail-type': 'Object Created',
        time: new Date().toISOString(),
        detail: { bucket: { name: api.s3!.bucket }, object: { key, size: PDF.length } },
      }),
    ];
    const got = await as('fsw-blaby', 'GET', `${path}/${requested.body.document.id}`);

    // Assess
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual([
      'ignored',
      'ignored',
      'ignored',
      'ignored',
      'ignored',
    ]);
    expect(got.status).toBe(200);
    expect(got.body.document.status).toBe('available');
  });

  it("lists the case's documents in the subject access export: what each is, never the bytes or a link", async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const requested = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/documents`, consent);
    await upload(requested.body.upload, PDF);
    await api.scanner!.settled();

    // Act
    const exported = await as('admin', 'GET', `/v1/admin/cases/${record.id}/export`);
    const printable = await as('admin', 'GET', `/v1/admin/cases/${record.id}/export?format=html`);

    // Assess
    expect(exported.status).toBe(200);
    expect(exported.body.documents).toEqual([
      expect.objectContaining({ ...consent, id: requested.body.document.id, status: 'available' }),
    ]);
    expect(exported.body.redactions).toContainEqual(expect.objectContaining({ path: 'documents.0.name' }));
    expect(exported.text).not.toContain('X-Amz-Signature');
    expect(exported.text).not.toContain(PDF.toString());
    expect(printable.text).toContain('Documents (what each file is; the files are sent apart)');
    expect(printable.text).toContain('Kerry Testfamily consent (signed).pdf');
  });
});
