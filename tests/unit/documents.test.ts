import { describe, expect, it } from 'vitest';
import { documentKey, documentOfKey, documentRequestSchema } from '../../shared/core/schemas/documents';
import { downloadFileName } from '../../shared/domain/documents/documents';
import { documentRequestFrom } from '../../shared/pages/documents';

// The pure rules of case documents: opaque keys, a download name without the file's own name, and
// the limits on what may be attached.

const CASE = '01KB41A2B3C4D5E6F7G8H9J0K1';
const DOCUMENT = '01KB45A1B2C3D4E5F6G7H8J9K0';

describe('case documents', () => {
  it('keys an object by case and document id only, and reads nothing else as a document', () => {
    expect(documentKey(CASE, DOCUMENT)).toBe(`cases/${CASE}/${DOCUMENT}`);
    expect(documentOfKey(documentKey(CASE, DOCUMENT))).toEqual({ caseId: CASE, documentId: DOCUMENT });
    for (const key of [
      `cases/${CASE}/${DOCUMENT}/extra`,
      `cases/${CASE}/consent.pdf`,
      `other/${CASE}/${DOCUMENT}`,
      'malware-protection-resource-validation-object',
    ])
      expect(documentOfKey(key), key).toBeUndefined();
  });

  it('names a download by the case reference, the kind and the id, never the file name', () => {
    const name = downloadFileName(
      { reference: 'SLF-2026-00017' },
      { id: DOCUMENT, type: 'signed-consent', contentType: 'application/pdf' },
    );
    expect(name).toBe('SLF-2026-00017-signed-consent-h8j9k0.pdf');
    expect(
      downloadFileName(
        { reference: 'MARF-2026-00001' },
        {
          id: DOCUMENT,
          type: 'assessment',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
      ),
    ).toMatch(/\.docx$/);
  });

  it.each([
    [{ size: 10 * 1024 * 1024 }, true],
    [{ size: 10 * 1024 * 1024 + 1 }, false],
    [{ size: 0 }, false],
    [{ size: 1.5 }, false],
    [{ contentType: 'image/png' }, true],
    [{ contentType: 'image/gif' }, false],
    [{ contentType: 'text/html' }, false],
    [{ name: 'a\\b.pdf' }, false],
    [{ name: 'line\nbreak.pdf' }, false],
    [{ name: 'x'.repeat(201) }, false],
  ])('limits what may be attached: %o -> %s', (change, accepted) => {
    const request = {
      name: 'letter.pdf',
      type: 'letter',
      contentType: 'application/pdf',
      size: 100,
      ...change,
    };
    expect(documentRequestSchema.safeParse(request).success).toBe(accepted);
  });

  it("reads the page's posted form into the API's request", () => {
    expect(
      documentRequestFrom({ name: 'a.pdf', type: 'letter', contentType: 'application/pdf', size: '42' }),
    ).toEqual({ name: 'a.pdf', type: 'letter', contentType: 'application/pdf', size: 42 });
    expect(documentRequestFrom({ size: '1e3' }).size).toBe('1e3');
  });
});
