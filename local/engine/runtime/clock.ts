/**
 * The engine's time: the real clock, or a virtual one that stands still until the scheduler moves it (so a
 * year of reminders and deadlines can run in seconds, and a restart resumes at the time it stopped).
 */
export class Clock {
  constructor(
    readonly virtual: boolean,
    private virtualNow: number,
  ) {}

  now(): number {
    return this.virtual ? this.virtualNow : Date.now();
  }

  /** Move virtual time forward to `ms`; it never goes back (a timer due in the past fires at the present). */
  reach(ms: number): void {
    if (ms > this.virtualNow) this.virtualNow = ms;
  }

  /** The virtual time to persist, or undefined on the real clock. */
  virtualTime(): number | undefined {
    return this.virtual ? this.virtualNow : undefined;
  }
}
