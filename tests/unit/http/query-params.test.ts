import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LOCALITY_IDS } from '../../../shared/core/config';
import { areaSchema } from '../../../shared/core/schemas/common';
import { staffRoleSchema } from '../../../shared/core/schemas/roles';
import { COUNTY } from '../../../shared/core/vocabulary/areas';
import { CASE_RECORD_ENTRY_TYPES } from '../../../shared/core/vocabulary/case-record';
import { STAFF_ROLES } from '../../../shared/core/vocabulary/roles';
import { TASK_STATUSES } from '../../../shared/core/vocabulary/tasks';
import { chronologyQuerySchema } from '../../../shared/http/case-record-query';
import { chronologyQuery, staffListQuery, taskListQuery } from '../../../shared/http/list-queries';
import { HttpProblem } from '../../../shared/http/problem';
import { cursorParam, limitParam, parseQuery } from '../../../shared/http/query';
import { readQuery } from '../../../shared/http/query-params';

// The list handlers read their query strings without zod (query-params.ts); these are the zod schemas
// they used before, which the OpenAPI document still describes. Over generated queries, valid and
// not, both must give the same values or the same 400 with the same field errors.

const ZOD_SCHEMAS = {
  staff: z.strictObject({ area: areaSchema, role: staffRoleSchema, cursor: cursorParam, limit: limitParam }),
  tasks: z.strictObject({
    status: z.enum(TASK_STATUSES).optional(),
    due: z.enum(['today']).optional(),
    cursor: cursorParam,
    limit: limitParam,
  }),
  chronology: chronologyQuerySchema,
};
const SPECS = { staff: staffListQuery, tasks: taskListQuery, chronology: chronologyQuery };

/** What a query check answers: the values read, or the 400's field errors. */
function outcome(read: () => unknown): unknown {
  try {
    return { values: read() };
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    return { status: error.status, detail: error.detail, errors: error.errors };
  }
}

const nearly = (valid: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 12 },
    fc.constantFrom(...valid).map((value) => ` ${value}`),
    fc.constantFrom(...valid).map((value) => value.toUpperCase()),
    fc.string({ maxLength: 12 }),
  );
const texts = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(' ', '\t', '\n', 'a', 'é'), maxLength: 6 }),
  fc.string({ minLength: 95, maxLength: 110 }),
  fc.string({ minLength: 2040, maxLength: 2060 }),
);
const dates = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    ),
  fc.constantFrom(' 2027-01-05 ', '2027-1-5', '2027-01-05T00:00', '20270105', '2027-02-29', '2028-02-29'),
  fc.string({ maxLength: 14 }),
);
const limits = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 100 }).map(String), weight: 6 },
  fc.integer({ min: -5, max: 1200 }).map(String),
  fc.constantFrom('', ' 5', '5 ', '1.5', '1e2', '0x10', '007', '000', '0100', '+5'),
  fc.string({ maxLength: 5 }),
);
const cursors = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 6 },
  fc.string({ minLength: 2040, maxLength: 2060 }),
);
const unknownNames = fc.constantFrom('page', 'sort', 'Area', 'status ', 'constructor', 'toString', 'limit[]');

/** A query of some of `params` (each with a generated value) and, now and then, an unknown name. */
function queries(params: Record<string, fc.Arbitrary<string>>) {
  return fc
    .tuple(
      fc.record(params, { requiredKeys: [] }),
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 12 },
        fc.tuple(unknownNames, fc.string({ maxLength: 5 })),
      ),
    )
    .map(([known, unknown]) => {
      const query: Record<string, string> = Object.fromEntries(
        Object.entries(known).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      if (unknown) query[unknown[0]] = unknown[1];
      return query;
    });
}

const GENERATED = {
  staff: queries({
    area: nearly([...LOCALITY_IDS, COUNTY]),
    role: nearly(STAFF_ROLES),
    cursor: cursors,
    limit: limits,
  }),
  tasks: queries({ status: nearly(TASK_STATUSES), due: nearly(['today']), cursor: cursors, limit: limits }),
  chronology: queries({ type: nearly(CASE_RECORD_ENTRY_TYPES), person: texts, from: dates, to: dates }),
};

describe('query checks without zod', () => {
  for (const name of ['staff', 'tasks', 'chronology'] as const) {
    it(`${name}: read every query as its zod schema did, values and field errors alike`, () => {
      // Arrange
      let valid = 0;
      let invalid = 0;
      // Act / Assess
      fc.assert(
        fc.property(GENERATED[name], (query) => {
          const expected = outcome(() => parseQuery(ZOD_SCHEMAS[name], query));
          const actual = outcome(() => readQuery(SPECS[name], query));
          if ('values' in (expected as object)) valid += 1;
          else invalid += 1;
          expect(actual).toStrictEqual(expected);
        }),
        { numRuns: 2000 },
      );
      // Both kinds were seen, so neither side passed by answering one way only.
      expect(valid).toBeGreaterThan(100);
      expect(invalid).toBeGreaterThan(100);
    });
  }

  it('names the field and the rule in the 400', () => {
    // Act
    const problem = outcome(() => readQuery(staffListQuery, { area: 'nowhere', limit: '0', page: '2' }));
    // Assess
    expect(problem).toMatchObject({
      status: 400,
      detail: 'A query parameter is not valid',
      errors: [
        { path: 'area', rule: 'enum' },
        { path: 'role', rule: 'required' },
        { path: 'limit', rule: 'custom', message: 'a whole number from 1 to 100' },
        { path: 'page', rule: 'unknown_field', message: 'unknown field page' },
      ],
    });
  });
});
