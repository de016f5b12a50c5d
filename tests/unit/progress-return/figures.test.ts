import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuarterId } from '../../../shared/core/calendar';
import type { ClaimFamily } from '../../../shared/core/schemas/claims';
import { PROGRESS_FIGURES } from '../../../shared/core/schemas/progress-return';
import {
  caseCountsIn,
  type ProgressCase,
  progressFamilies,
  progressRows,
} from '../../../shared/domain/progress-return/figures';
import { progressReturnCsv } from '../../../shared/domain/progress-return/files';
import { HEADLINE_IDS } from '../../../shared/core/vocabulary/needs';

// The quarterly progress information's figures (docs/progress-return.md): one rule counts the return and
// lists its drill-down, so the counts and the case references always agree.

const Q3 = parseQuarterId('2026-27-Q3'); // 1 October to 31 December 2026

function family(reference: string, locality: string, dates: Partial<ProgressCase> = {}): ProgressCase {
  return {
    caseId: `01KB3ZQ7M2X8F5N6P9R0S1T${reference.slice(-3)}`,
    reference,
    locality,
    headlines: ['good-education', 'secure-housing', 'crime'],
    ...dates,
  };
}

const CASES: ProgressCase[] = [
  family('SF-A01', 'charnwood', { allocatedOn: '2026-06-01' }), // open throughout
  family('SF-A02', 'charnwood', { allocatedOn: '2026-10-05' }), // started in the quarter, still open
  family('SF-A03', 'charnwood', { allocatedOn: '2026-07-01', endedOn: '2026-11-30' }), // closed in it
  family('SF-A04', 'charnwood', { allocatedOn: '2026-04-01', endedOn: '2026-09-30' }), // ended before it
  family('SF-A05', 'charnwood', { allocatedOn: '2027-01-02' }), // started after it
  { ...family('SF-B06', 'blaby', { allocatedOn: '2026-10-01', endedOn: '2026-12-31' }), headlines: [] },
];

const CLAIMS: ClaimFamily[] = [
  {
    caseId: '01KB3ZQ7M2X8F5N6P9R0S1TC01',
    reference: 'SF-C01',
    locality: 'charnwood',
    headlines: ['crime'],
    sampled: true,
    claimed: true,
  },
  {
    caseId: '01KB3ZQ7M2X8F5N6P9R0S1TC02',
    reference: 'SF-C02',
    locality: 'blaby',
    headlines: ['crime'],
    sampled: true,
    auditFailed: 'evidence',
  },
];

const refs = (figure: (typeof PROGRESS_FIGURES)[number], scope = 'charnwood', headline = 'all') =>
  progressFamilies(CASES, CLAIMS, Q3, { scope, headline, figure }).map((f) => f.reference);

describe('the quarterly progress figures', () => {
  it('count a family from its allocation until its case ends', () => {
    expect(refs('workedWith')).toEqual(['SF-A01', 'SF-A02', 'SF-A03']);
    expect(refs('started')).toEqual(['SF-A02']);
    expect(refs('open')).toEqual(['SF-A01', 'SF-A02']);
    expect(refs('closed')).toEqual(['SF-A03']);
    expect(caseCountsIn(family('x', 'blaby'), 'workedWith', Q3)).toBe(false);
  });

  it("take outcomes achieved and claims from the quarter's claim list", () => {
    expect(refs('outcomesAchieved', 'partnership')).toEqual(['SF-C01', 'SF-C02']);
    expect(refs('claimed', 'partnership')).toEqual(['SF-C01']);
    expect(refs('claimed', 'blaby')).toEqual([]);
  });

  it('count a family under each headline area of its needs; the partnership adds up its localities', () => {
    const rows = progressRows(CASES, CLAIMS, Q3, ['charnwood', 'blaby', 'partnership'], HEADLINE_IDS);
    const row = (scope: string, headline: string) =>
      rows.find((r) => r.scope === scope && r.headline === headline)!;
    expect(row('charnwood', 'all')).toEqual({
      scope: 'charnwood',
      headline: 'all',
      workedWith: 3,
      started: 1,
      open: 2,
      closed: 1,
      outcomesAchieved: 1,
      claimed: 1,
    });
    expect(row('blaby', 'all')).toMatchObject({
      workedWith: 1,
      started: 1,
      open: 0,
      closed: 1,
      outcomesAchieved: 1,
    });
    expect(row('blaby', 'crime').workedWith).toBe(0);
    expect(row('charnwood', 'secure-housing')).toMatchObject({ workedWith: 3, outcomesAchieved: 0 });
    for (const figure of PROGRESS_FIGURES) {
      expect(row('partnership', 'all')[figure]).toBe(
        row('charnwood', 'all')[figure] + row('blaby', 'all')[figure],
      );
      // every figure is the length of its drill-down
      for (const r of rows) {
        expect(r[figure]).toBe(refs(figure, r.scope, r.headline).length);
      }
    }
  });

  it('split the families worked with into open and closed, and into started and carried over', () => {
    const day = fc
      .date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2027-06-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
    const someCase = fc.tuple(day, fc.option(day, { nil: undefined })).map(([a, b]) => {
      const [allocatedOn, endedOn] = b !== undefined && b < a ? [b, a] : [a, b];
      return family('SF-X00', 'charnwood', { allocatedOn, ...(endedOn ? { endedOn } : {}) });
    });
    fc.assert(
      fc.property(someCase, (one) => {
        const is = (figure: (typeof PROGRESS_FIGURES)[number]) => caseCountsIn(one, figure, Q3);
        const carriedOver = is('workedWith') && one.allocatedOn! < Q3.start;
        expect(is('workedWith')).toBe(is('open') !== is('closed') && (is('open') || is('closed')));
        if (is('workedWith')) expect(is('started')).toBe(!carriedOver);
        if (!is('workedWith')) expect(is('started') || is('open') || is('closed')).toBe(false);
      }),
    );
  });

  it('writes the same rows as CSV, with no reference in it', () => {
    const rows = progressRows(CASES, CLAIMS, Q3, ['charnwood'], []);
    const csv = progressReturnCsv({
      schemaVersion: 1,
      quarter: Q3.id,
      frameworkVersion: '2022-25.1',
      producedAt: '2027-01-05T09:00:00.000Z',
      claimProduced: true,
      rows,
    });
    expect(csv).toBe(
      'quarter,scope,headline,worked_with,started,open,closed,outcomes_achieved,claimed\r\n' +
        '2026-27-Q3,charnwood,all,3,1,2,1,1,1\r\n',
    );
    expect(csv).not.toContain('SF-');
  });
});
