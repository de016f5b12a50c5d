import { describe, expect, it } from 'vitest';
import { reportAccess, type StaffCaller } from '../../../shared/domain/access/rules';
import { reportAddressSchema, reportQuerySchema } from '../../../shared/domain/reporting/request';
import { parseOrThrow } from '../../../shared/core/schemas/errors';

const caller = (role: string, area: string): StaffCaller => ({ kind: 'staff', userId: 'u', role, area });

function fieldsAtFault(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return ((error as { errors?: { path: string }[] }).errors ?? []).map((entry) => entry.path);
  }
  return [];
}

describe('who reads which report', () => {
  it('lets a locality manager read their own locality only, and hides the rest', () => {
    const manager = caller('locality-manager', 'blaby');
    expect(reportAccess(manager, 'blaby')).toBe('allowed');
    expect(reportAccess(manager, 'melton')).toBe('hidden');
    expect(reportAccess(manager, 'partnership')).toBe('hidden');
  });

  it('lets the head of service read every locality and the partnership', () => {
    const head = caller('head-of-service', 'county');
    expect(['blaby', 'charnwood', 'partnership'].map((scope) => reportAccess(head, scope))).toEqual([
      'allowed',
      'allowed',
      'allowed',
    ]);
  });

  it('forbids every other role, in any area', () => {
    const others = [
      caller('duty-social-worker', 'county'),
      caller('hub-coordinator', 'blaby'),
      caller('family-support-worker', 'blaby'),
      caller('senior', 'blaby'),
      caller('administrator', 'county'),
    ];
    expect(others.map((other) => reportAccess(other, 'blaby'))).toEqual(others.map(() => 'forbidden'));
  });
});

describe('a report address', () => {
  it('accepts a locality or the partnership with a quarter or a financial year', () => {
    expect(parseOrThrow(reportAddressSchema, { locality: 'blaby', quarter: '2026-27-Q4' })).toEqual({
      locality: 'blaby',
      quarter: '2026-27-Q4',
    });
    expect(parseOrThrow(reportAddressSchema, { locality: 'partnership', quarter: '2026-27' }).quarter).toBe(
      '2026-27',
    );
  });

  it('names the field at fault', () => {
    expect(
      fieldsAtFault(() => parseOrThrow(reportAddressSchema, { locality: 'x', quarter: '2026-27-Q1' })),
    ).toEqual(['locality']);
    for (const quarter of ['2026-27-Q5', '2026-28-Q1', '2026-28', '26-27-Q1', '']) {
      expect(
        fieldsAtFault(() => parseOrThrow(reportAddressSchema, { locality: 'blaby', quarter })),
        quarter,
      ).toEqual(['quarter']);
    }
    expect(fieldsAtFault(() => parseOrThrow(reportQuerySchema, { version: '0' }))).toEqual(['version']);
    expect(fieldsAtFault(() => parseOrThrow(reportQuerySchema, { format: 'pdf' }))).toEqual(['format']);
  });

  it('reads a version as a number', () => {
    expect(parseOrThrow(reportQuerySchema, { version: '12', format: 'csv' })).toEqual({
      version: 12,
      format: 'csv',
    });
  });
});
