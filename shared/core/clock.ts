// The current time for code that is not handed `now` (HTTP handlers). Workflow handlers take `now`
// from their payload instead. The local stack points the source at the engine's virtual clock;
// tests set a fixed or stepping source.

export type ClockSource = () => Date;

const systemClock: ClockSource = () => new Date();
let source: ClockSource = systemClock;

export function now(): Date {
  return new Date(source().getTime());
}

/** Replaces the time source; `undefined` restores the system clock. */
export function setClockSource(next: ClockSource | undefined): void {
  source = next ?? systemClock;
}

/** A clock fixed at `at` until moved with the returned `advance` / `set`. */
export function useFixedClock(at: Date | string): {
  advance(ms: number): Date;
  set(to: Date | string): void;
} {
  let current = new Date(at);
  if (Number.isNaN(current.getTime())) throw new RangeError(`Not an instant: ${JSON.stringify(at)}`);
  setClockSource(() => current);
  return {
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
      return current;
    },
    set(to: Date | string) {
      current = new Date(to);
    },
  };
}
