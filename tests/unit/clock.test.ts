import { afterEach, describe, expect, it } from 'vitest';
import { now, setClockSource, useFixedClock } from '../../shared/core/clock';

describe('shared/clock', () => {
  afterEach(() => setClockSource(undefined));

  it('follows a fixed clock and its moves', () => {
    const clock = useFixedClock('2026-11-23T09:00:00.000Z');
    expect(now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
    clock.advance(60_000);
    expect(now().toISOString()).toBe('2026-11-23T09:01:00.000Z');
    clock.set('2027-01-01T00:00:00.000Z');
    expect(now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('hands out copies, so a caller cannot move the clock by mutating a date', () => {
    useFixedClock('2026-11-23T09:00:00.000Z');
    now().setUTCFullYear(2000);
    expect(now().getUTCFullYear()).toBe(2026);
  });

  it('returns to the system clock', () => {
    useFixedClock('2000-01-01T00:00:00.000Z');
    setClockSource(undefined);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(5_000);
  });
});
