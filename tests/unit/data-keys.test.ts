import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursorError, pageLimit } from '../../shared/adapters/data/cursor';
import { newId } from '../../shared/adapters/data/ids';
import { auditPartition, duplicateKey, retentionIndexKeys } from '../../shared/adapters/data/keys';
import { formatReference } from '../../shared/adapters/data/references';

describe('data keys', () => {
  it('hashes duplicate keys so no name, date or address shows, and normalises case and spacing', () => {
    const key = duplicateKey('child', 'Jo', 'Example', '2015-02-28');
    expect(key).toMatch(/^DUP#[0-9a-f]{40}$/);
    expect(key).not.toMatch(/jo|example|2015/i);
    expect(duplicateKey('child', '  JO ', 'example', '2015-02-28')).toBe(key);
    expect(duplicateKey('address', 'LE11 3AB', '1 Example St.')).toBe(
      duplicateKey('address', 'le11 3ab', '1  example st'),
    );
    expect(duplicateKey('child', 'Jo', 'Example', '2015-03-01')).not.toBe(key);
  });

  it('puts audit events in their subject’s partition', () => {
    expect(auditPartition('case#01JD0000000000000000000001')).toBe('CASE#01JD0000000000000000000001');
    expect(auditPartition('report#melton#2026-27-Q1')).toBe('REPORT#melton#2026-27-Q1');
  });

  it('puts only an ended case with a retention date in the retention index, by the day it is due', () => {
    const id = '01JD0000000000000000000001';
    expect(retentionIndexKeys({ id, status: 'WITHDRAWN', retainUntil: '2032-05-04' })).toEqual({
      gsi4pk: 'RETAIN',
      gsi4sk: `2032-05-04#${id}`,
    });
    expect(retentionIndexKeys({ id, status: 'CLOSED', retainUntil: '2032-05-04' })?.gsi4sk).toBe(
      `2032-05-04#${id}`,
    );
    expect(retentionIndexKeys({ id, status: 'SUPPORT', retainUntil: '2032-05-04' })).toBeUndefined();
    expect(retentionIndexKeys({ id, status: 'CLOSED' })).toBeUndefined();
  });

  it('formats references with five digits, growing past 99,999', () => {
    expect(formatReference('SLF', 2027, 42)).toBe('SLF-2027-00042');
    expect(formatReference('SLF', 2027, 123456)).toBe('SLF-2027-123456');
  });
});

describe('cursors', () => {
  const key = { gsi1pk: 'OWNER#worker:a', gsi1sk: 'OPEN#2026-11-30#X', pk: 'TASK#X', sk: 'TASK' };

  it('round-trips a key for the same query and partition', () => {
    const cursor = encodeCursor('q1', key)!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('q1', cursor, ['gsi1pk', 'OWNER#worker:a'])).toEqual(key);
    expect(encodeCursor('q1', undefined)).toBeUndefined();
  });

  it('refuses a cursor for another query, another partition, or garbage', () => {
    const cursor = encodeCursor('q1', key)!;
    expect(() => decodeCursor('q2', cursor)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('q1', cursor, ['gsi1pk', 'OWNER#worker:b'])).toThrow(InvalidCursorError);
    expect(() => decodeCursor('q1', 'e30')).toThrow(InvalidCursorError);
    expect(() => decodeCursor('q1', '%%%')).toThrow(InvalidCursorError);
    expect(() => decodeCursor('q1', encodeCursor('q1', { pk: 1 as never }))).toThrow(InvalidCursorError);
  });

  it('bounds page sizes', () => {
    expect(pageLimit(undefined)).toBe(25);
    expect(pageLimit(1000)).toBe(100);
    expect(() => pageLimit(0)).toThrow(RangeError);
  });
});

describe('record ids', () => {
  it('sort in the order they were made, even within one millisecond', () => {
    const at = Date.parse('2026-01-05T09:00:00Z');
    const ids = Array.from({ length: 50 }, () => newId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });
});
