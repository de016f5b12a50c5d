import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ULID_PATTERN } from '../../../shared/core/vocabulary/ulid';
import { entryIdOf } from '../../../shared/http/case-record';

// The zod-free checks handlers use on the read path must accept exactly what the zod schemas did.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz';
const NEAR = `${CROCKFORD}ILOUilou-_ `;

describe('ULID_PATTERN', () => {
  it('accepts exactly what z.ulid() accepts', () => {
    // Arrange: ULIDs (any first character), near ones (a few characters outside the alphabet, a length
    // off by one or two) and any string at all.
    const candidates = fc.oneof(
      fc.string({ unit: fc.constantFrom(...CROCKFORD), minLength: 26, maxLength: 26 }),
      fc.string({ unit: fc.constantFrom(...NEAR), minLength: 24, maxLength: 28 }),
      fc.string({ maxLength: 30 }),
    );
    const schema = z.ulid();
    let accepted = 0;
    // Act / Assess
    fc.assert(
      fc.property(candidates, (value) => {
        const expected = schema.safeParse(value).success;
        if (expected) accepted += 1;
        expect(ULID_PATTERN.test(value)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('answers 404 for an entry id that is not a ULID, and the id itself when it is', () => {
    // Act / Assess
    expect(entryIdOf({ entryId: '01JD6Z5X3K0000000000000000' })).toBe('01JD6Z5X3K0000000000000000');
    expect(() => entryIdOf({ entryId: '81JD6Z5X3K0000000000000000' })).toThrow(/No such entry/);
    expect(() => entryIdOf({})).toThrow(/No such entry/);
  });
});
