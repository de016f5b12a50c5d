import { addDays, addMonths, daysBetween, type IsoDate, isWorkingDay } from '../../core/calendar';

// The forecast's calendar: day 0 is the forecast's first day and every event falls on a whole day.
// Working days are England's (the journey's calendar), looked up once per day in a table so a run
// of thousands of cases never walks the calendar day by day.

export class DayTable {
  readonly dates: IsoDate[] = [];
  private readonly working: boolean[] = [];
  /** Working days strictly before each day. */
  private readonly before: number[] = [];
  /** The day index of the k-th working day. */
  private readonly workingDays: number[] = [];

  constructor(
    readonly start: IsoDate,
    length: number,
  ) {
    for (let day = 0; day < length; day += 1) {
      const date = addDays(start, day);
      const working = isWorkingDay(date);
      this.dates.push(date);
      this.before.push(this.workingDays.length);
      this.working.push(working);
      if (working) this.workingDays.push(day);
    }
  }

  get length(): number {
    return this.dates.length;
  }

  isWorking(day: number): boolean {
    return day >= 0 && day < this.length ? this.working[day]! : false;
  }

  /** `count` working days after `day` (0: `day` itself); past the table's end, by five working days a week. */
  addWorkingDays(day: number, count: number): number {
    if (count <= 0) return day;
    if (day >= this.length) return day + Math.ceil((count * 7) / 5);
    const clamped = Math.max(0, Math.min(day, this.length - 1));
    const from = this.before[clamped]! + (this.working[clamped] && clamped === day ? 0 : -1);
    const target = from + count;
    if (target < this.workingDays.length) return this.workingDays[target]!;
    return this.length + Math.ceil(((target - this.workingDays.length + 1) * 7) / 5);
  }

  /** Working days after `from` up to and including `to` (before day 0, five in every seven days). */
  workingDaysBetween(from: number, to: number): number {
    const upTo = (day: number) =>
      day < 0
        ? -Math.round((-day * 5) / 7)
        : day >= this.length
          ? this.workingDays.length + Math.round(((day - this.length + 1) * 5) / 7)
          : this.before[day]! + (this.working[day] ? 1 : 0);
    return upTo(to) - upTo(from);
  }

  /** `count` working days before `day`, never before day 0 unless `day` is. */
  subtractWorkingDays(day: number, count: number): number {
    if (day <= 0 || day >= this.length) return day - Math.ceil((count * 7) / 5);
    const position = this.before[day]! - count;
    return position >= 0 ? this.workingDays[position]! : -Math.ceil((-position * 7) / 5);
  }

  /** The first working day on or after `day`. */
  workingOnOrAfter(day: number): number {
    if (day < 0 || day >= this.length) return day;
    return this.working[day] ? day : this.addWorkingDays(day, 1);
  }

  /** The day `months` calendar months after `day` (the journey's support length). */
  addMonths(day: number, months: number): number {
    return daysBetween(this.start, addMonths(addDays(this.start, day), months));
  }

  /** The calendar month (1-12) of a day. */
  month(day: number): number {
    const date = day >= 0 && day < this.length ? this.dates[day]! : addDays(this.start, day);
    return Number(date.slice(5, 7));
  }
}
