import { describe, expect, it } from 'vitest';
import { caseRecordEntryBodySchema, type CaseRecordEntry } from '../../../shared/core/schemas/case-record';
import { currentEntries, filterEntries } from '../../../shared/domain/case-record/chronology';
import { entryBodyFrom, filterFrom, formValuesOf } from '../../../shared/pages/case-record';

// The chronology's rules: the latest version of each entry, newest happening first; filters by type,
// person and day; the page's form read as the API's body and back.

const CASE_ID = '01KB3ZQ7M2X8F5N6P9R0S1T2V3';

function entry(id: string, version: number, fields: Partial<CaseRecordEntry> = {}): CaseRecordEntry {
  return {
    id,
    caseId: CASE_ID,
    version,
    type: 'visit',
    occurredAt: '2026-03-02T10:00:00.000Z',
    present: { family: [], agencies: [] },
    text: `${id} v${version}`,
    writtenBy: 'fsw-blaby',
    writtenAt: '2026-03-02T12:00:00.000Z',
    ...fields,
  };
}

const A = '01KB44E1F2G3H4J5K6M7N8P9QA';
const B = '01KB44E1F2G3H4J5K6M7N8P9QB';

describe('the chronology', () => {
  it('shows each entry once, at its latest version, with its count of versions, newest happening first', () => {
    const versions = [
      entry(A, 2, { occurredAt: '2026-03-01T10:00:00.000Z' }),
      entry(B, 1, { occurredAt: '2026-03-05T10:00:00.000Z' }),
      entry(A, 1, { occurredAt: '2026-03-01T10:00:00.000Z' }),
    ];

    const current = currentEntries(versions);

    expect(current.map((shown) => [shown.id, shown.version, shown.versions])).toEqual([
      [B, 1, 1],
      [A, 2, 2],
    ]);
  });

  it('filters by type, by a part of a name (family, agency, child or writer) and by days inclusive', () => {
    const current = currentEntries([
      entry(A, 1, { type: 'child-voice', child: 'Jay', occurredAt: '2026-03-01T23:30:00.000Z' }),
      entry(B, 1, {
        present: { family: [], agencies: ['Blaby Health Visitors'] },
        occurredAt: '2026-03-03T09:00:00.000Z',
      }),
    ]);

    expect(filterEntries(current, { type: 'child-voice' }).map((shown) => shown.id)).toEqual([A]);
    expect(filterEntries(current, { person: 'health' }).map((shown) => shown.id)).toEqual([B]);
    expect(filterEntries(current, { person: 'JAY' }).map((shown) => shown.id)).toEqual([A]);
    expect(filterEntries(current, { person: 'fsw-blaby' })).toHaveLength(2);
    expect(filterEntries(current, { from: '2026-03-02' }).map((shown) => shown.id)).toEqual([B]);
    expect(filterEntries(current, { to: '2026-03-01' }).map((shown) => shown.id)).toEqual([A]);
    expect(filterEntries(current, { from: '2026-03-04' })).toEqual([]);
  });
});

describe('the case record form', () => {
  it('reads the day, the London time and one person a line into the API body the schema accepts', () => {
    const body = entryBodyFrom({
      type: 'meeting',
      'occurred-day': '4',
      'occurred-month': '7',
      'occurred-year': '2026',
      occurredTime: '9:05',
      presentFamily: 'Kerry\n\n  Jay  \n',
      presentAgencies: 'School',
      text: 'TAF meeting.',
    });

    expect(body).toEqual({
      type: 'meeting',
      // 09:05 British Summer Time
      occurredAt: '2026-07-04T08:05:00.000Z',
      present: { family: ['Kerry', 'Jay'], agencies: ['School'] },
      text: 'TAF meeting.',
    });
    expect(caseRecordEntryBodySchema.safeParse(body).success).toBe(true);
  });

  it('hands an impossible day or time to the schema as typed, so the page names the field', () => {
    const body = entryBodyFrom({
      type: 'note',
      'occurred-day': '31',
      'occurred-month': '2',
      'occurred-year': '2026',
      occurredTime: '25:00',
      text: 'x',
    });

    const parsed = caseRecordEntryBodySchema.safeParse(body);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['occurredAt']);
  });

  it('fills the revise form from an entry, in London time', () => {
    const values = formValuesOf(entry(A, 1, { occurredAt: '2026-07-04T08:05:00.000Z', child: 'Jay' }));

    expect(values).toMatchObject({
      'occurred-day': '4',
      'occurred-month': '7',
      'occurred-year': '2026',
      occurredTime: '09:05',
      child: 'Jay',
    });
  });

  it('keeps only known filters from the query', () => {
    expect(filterFrom({ type: 'gossip', person: '  kerry ', from: '2026-01-01', to: 'soon' })).toEqual({
      person: 'kerry',
      from: '2026-01-01',
    });
  });
});
