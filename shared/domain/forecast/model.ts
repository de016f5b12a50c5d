import {
  caseWeight,
  configuredStaffing,
  type StaffingConfig,
  type TimescalesConfig,
} from '../../core/config';
import type { DayTable } from './days';
import type { ForecastParameters, LocalityRates, StepDelay } from './parameters';
import type { SeededRandom } from '../../core/random';

// The forecast's discrete-event model of one locality: the journey of docs/journey.md reduced to
// what moves the figures (referral, hub decision, allocation or the waiting list, consent,
// assessment, reviews on the allocation's cadence, closure), on whole days, driven by the journey's
// own configuration (timescales, caseload weights and capacity, the working-day calendar) and by
// rates learned from the service's aggregates. Events sit in a bucket per day; each day's events run
// in the order they were scheduled. No case here carries an id or anything about a family.

/** A family support worker at the start: room in caseload units. */
export interface WorkerStart {
  capacity: number;
  load: number;
}

/** Where an open case stands at the start. */
export type OpenStage = 'referred' | 'waiting' | 'consent' | 'assessment' | 'support';

/** One open case at the start, as aggregates only: its stage, weight and ages in days. */
export interface OpenCaseStart {
  stage: OpenStage;
  complex: boolean;
  enhanced: boolean;
  /** Calendar days since the case entered its stage (the waiting list: since it joined). */
  daysInStage: number;
  /** Calendar days since the first allocation (allocated cases). */
  daysSinceAllocation?: number;
  /** Its key worker's position in the locality's workers (allocated cases). */
  worker?: number;
  /** Days from the first day to the next review's due date (support). */
  nextReviewInDays?: number;
  /** Days from the first day to the end of its planned support (support). */
  supportEndsInDays?: number;
}

export interface LocalityStart {
  locality: string;
  workers: WorkerStart[];
  open: OpenCaseStart[];
}

/** Changes to the service to compare with the baseline. */
export interface ModelChanges {
  /** Workers added (positive) or removed (negative) from a day. */
  workers: { change: number; fromDay: number }[];
  /** Referrals multiplied by `factor` from a day. */
  referrals?: { factor: number; fromDay: number };
  timescales: TimescalesConfig;
}

/** A run's figures by week (index 0 is the first seven days) and over the whole run. */
export interface LocalityRun {
  weekly: {
    waitingList: number[];
    longestWaitDays: number[];
    allocations: number[];
    assessments: number[];
    assessmentsOnTime: number[];
    reviews: number[];
    reviewsOnTime: number[];
    load: number[];
    capacity: number[];
  };
  totals: {
    referrals: number;
    allocations: number;
    assessments: number;
    assessmentsOnTime: number;
    reviews: number;
    reviewsOnTime: number;
    waitingListPeak: number;
    longestWaitDays: number;
    /** Cases by the journey's status at the end (open) or how they ended. */
    statuses: Record<string, number>;
  };
}

interface SimCase {
  complex: boolean;
  enhanced: boolean;
  weight: number;
  worker: number;
  allocatedDay: number;
  joinedDay: number;
  stage: OpenStage;
  reviewDue: number;
  endsDay: number;
  /** For the consent step: what the family answers. */
  consent?: 'given' | 'declined' | 'noContact' | 'noAnswer';
  onTime: boolean;
}

type EventKind = 'decide' | 'consent' | 'assessed' | 'reviewed' | 'closed' | 'workers';

interface ModelEvent {
  kind: EventKind;
  item?: SimCase;
  change?: number;
}

function delay(random: SeededRandom, step: StepDelay): number {
  const [from, to] = random.chance(step.lateShare) ? step.late : step.usual;
  return random.int(from, to);
}

/** Runs one locality for `days` days from its start; deterministic for a given random stream. */
export function runLocality(options: {
  start: LocalityStart;
  rates: LocalityRates;
  parameters: Omit<ForecastParameters, 'localities'>;
  changes: ModelChanges;
  table: DayTable;
  days: number;
  random: SeededRandom;
  staffing?: StaffingConfig;
}): LocalityRun {
  const { start, rates, parameters, changes, table, days, random } = options;
  const staffing = options.staffing ?? configuredStaffing();
  const timescales = changes.timescales;
  const unitsPerWorker = staffing.caseload.unitsPerWorker;
  const assessmentDue = timescales.tasks.assessment.dueInWorkingDays ?? 45;
  const weeks = Math.ceil(days / 7);
  const zeros = () => new Array<number>(weeks).fill(0);
  const weekly: LocalityRun['weekly'] = {
    waitingList: zeros(),
    longestWaitDays: zeros(),
    allocations: zeros(),
    assessments: zeros(),
    assessmentsOnTime: zeros(),
    reviews: zeros(),
    reviewsOnTime: zeros(),
    load: zeros(),
    capacity: zeros(),
  };
  const totals: LocalityRun['totals'] = {
    referrals: 0,
    allocations: 0,
    assessments: 0,
    assessmentsOnTime: 0,
    reviews: 0,
    reviewsOnTime: 0,
    waitingListPeak: 0,
    longestWaitDays: 0,
    statuses: {},
  };
  const ended = (status: string) => {
    totals.statuses[status] = (totals.statuses[status] ?? 0) + 1;
  };

  const workers = start.workers.map((worker) => ({ ...worker, leaving: false }));
  const waiting: SimCase[] = [];
  let head = 0;
  const open = new Set<SimCase>();
  const agenda: ModelEvent[][] = Array.from({ length: days }, () => []);
  const at = (day: number, event: ModelEvent) => {
    if (day < days) agenda[Math.max(0, day)]!.push(event);
  };

  const roomiest = (weight: number): number => {
    let best = -1;
    for (let index = 0; index < workers.length; index += 1) {
      const free = workers[index]!.capacity - workers[index]!.load;
      if (free >= weight && (best < 0 || free > workers[best]!.capacity - workers[best]!.load)) best = index;
    }
    return best;
  };

  const allocate = (item: SimCase, worker: number, day: number) => {
    workers[worker]!.load += item.weight;
    item.worker = worker;
    item.allocatedDay = day;
    item.stage = 'consent';
    totals.allocations += 1;
    if (day >= 0) weekly.allocations[Math.floor(day / 7)]! += 1;
    const answer = (['given', 'declined', 'noContact', 'noAnswer'] as const)[
      random.pick([
        parameters.consent.given,
        parameters.consent.declined,
        parameters.consent.noContact,
        parameters.consent.noAnswer,
      ])
    ]!;
    item.consent = answer;
    const consentTask = timescales.tasks.consent;
    const due = consentTask.dueInWorkingDays ?? 10;
    const after =
      answer === 'noAnswer'
        ? due + (consentTask.timeoutWorkingDaysAfter ?? 5)
        : delay(random, parameters.delays.consent);
    at(table.addWorkingDays(day, Math.max(1, after)), { kind: 'consent', item });
  };

  const waitFor = (day: number) => {
    while (head < waiting.length) {
      const next = waiting[head]!;
      const worker = roomiest(next.weight);
      if (worker < 0) return;
      head += 1;
      totals.longestWaitDays = Math.max(totals.longestWaitDays, day - next.joinedDay);
      allocate(next, worker, day);
    }
  };

  const end = (item: SimCase, status: string, day: number) => {
    open.delete(item);
    ended(status);
    if (item.worker >= 0) workers[item.worker]!.load -= item.weight;
    waitFor(day);
  };

  const scheduleReview = (item: SimCase, day: number) => {
    const opens = Math.max(
      day,
      table.subtractWorkingDays(item.reviewDue, timescales.reviewOpensWorkingDaysBefore),
    );
    const held = table.addWorkingDays(opens, Math.max(1, delay(random, parameters.delays.review)));
    item.onTime = held <= item.reviewDue;
    at(held, { kind: 'reviewed', item });
  };

  const cadence = (allocatedDay: number, cycles: number) =>
    table.workingOnOrAfter(allocatedDay + 7 * cycles * timescales.reviewIntervalWeeks);

  const openClosure = (item: SimCase, day: number) => {
    at(table.addWorkingDays(day, Math.max(1, delay(random, parameters.delays.closure))), {
      kind: 'closed',
      item,
    });
  };

  const newCase = (complex: boolean, enhanced: boolean): SimCase => {
    const item: SimCase = {
      complex,
      enhanced,
      weight: caseWeight(complex, staffing),
      worker: -1,
      allocatedDay: 0,
      joinedDay: 0,
      stage: 'referred',
      reviewDue: 0,
      endsDay: 0,
      onTime: true,
    };
    open.add(item);
    return item;
  };

  // The position at the start
  for (const position of start.open) {
    const item = newCase(position.complex, position.enhanced);
    item.stage = position.stage;
    if (position.stage === 'referred') {
      const remaining = Math.max(
        0,
        delay(random, parameters.delays.hub) - Math.round((position.daysInStage * 5) / 7),
      );
      at(table.addWorkingDays(0, remaining), { kind: 'decide', item });
    } else if (position.stage === 'waiting') {
      item.joinedDay = -position.daysInStage;
      waiting.push(item);
    } else {
      item.worker = position.worker !== undefined && position.worker < workers.length ? position.worker : -1;
      item.allocatedDay = -(position.daysSinceAllocation ?? position.daysInStage);
      const elapsed = Math.round((position.daysInStage * 5) / 7);
      if (position.stage === 'consent') {
        item.consent = (['given', 'declined', 'noContact', 'noAnswer'] as const)[
          random.pick([
            parameters.consent.given,
            parameters.consent.declined,
            parameters.consent.noContact,
            0,
          ])
        ]!;
        at(table.addWorkingDays(0, Math.max(0, delay(random, parameters.delays.consent) - elapsed)), {
          kind: 'consent',
          item,
        });
      } else if (position.stage === 'assessment') {
        const total = Math.max(elapsed, delay(random, parameters.delays.assessment));
        // Due a set number of working days from the allocation (its clock runs while consent is sought)
        const sinceAllocation = Math.round(((position.daysSinceAllocation ?? position.daysInStage) * 5) / 7);
        item.onTime = sinceAllocation + total - elapsed <= assessmentDue;
        at(table.addWorkingDays(0, total - elapsed), { kind: 'assessed', item });
      } else {
        item.endsDay = position.supportEndsInDays ?? table.addMonths(item.allocatedDay, supportMonths(item));
        let due = position.nextReviewInDays;
        if (due === undefined) {
          let cycles = 1;
          while (cadence(item.allocatedDay, cycles) < 0) cycles += 1;
          due = cadence(item.allocatedDay, cycles);
        }
        item.reviewDue = due;
        scheduleReview(item, 0);
      }
    }
  }
  waiting.sort((a, b) => a.joinedDay - b.joinedDay);
  // A place already free goes to the list at once, as the journey gives it
  waitFor(0);
  function supportMonths(item: SimCase): number {
    return item.enhanced ? timescales.support.enhancedMonths : timescales.support.standardMonths;
  }

  for (const change of changes.workers) at(change.fromDay, { kind: 'workers', change: change.change });

  const complexShare = rates.complexShare;
  const endings = parameters.endings;
  const supported = Math.max(
    0,
    1 - endings.steppedUpAtScreen - endings.redirected - endings.nfa - endings.withdrawn,
  );

  for (let day = 0; day < days; day += 1) {
    // Referrals arrive on working days at the month's rate
    if (table.isWorking(day)) {
      const factor = changes.referrals && day >= changes.referrals.fromDay ? changes.referrals.factor : 1;
      const mean = (rates.referralsPerWorkingDay[table.month(day) - 1] ?? 0) * factor;
      const arrivals = random.poisson(mean);
      for (let n = 0; n < arrivals; n += 1) {
        totals.referrals += 1;
        const complex = random.chance(complexShare);
        const enhanced = random.chance(complex ? rates.enhancedShare.complex : rates.enhancedShare.standard);
        const item = newCase(complex, enhanced);
        const screened = delay(random, parameters.delays.screen);
        at(table.addWorkingDays(day, screened + delay(random, parameters.delays.hub)), {
          kind: 'decide',
          item,
        });
      }
    }
    for (const event of agenda[day]!) {
      const item = event.item!;
      switch (event.kind) {
        case 'workers': {
          const change = event.change!;
          if (change > 0) {
            for (let n = 0; n < change; n += 1)
              workers.push({ capacity: unitsPerWorker, load: 0, leaving: false });
          } else {
            // The least loaded take no new families from the day; theirs stay with them to closure.
            const staying = workers
              .map((worker, index) => ({ worker, index }))
              .filter(({ worker }) => !worker.leaving)
              .sort((a, b) => a.worker.load - b.worker.load || b.index - a.index);
            for (const { worker } of staying.slice(0, -change)) {
              worker.leaving = true;
              worker.capacity = 0;
            }
          }
          waitFor(day);
          break;
        }
        case 'decide': {
          const outcome = random.pick([
            endings.steppedUpAtScreen,
            endings.redirected,
            endings.nfa,
            endings.withdrawn,
            supported,
          ]);
          if (outcome < 4) {
            end(item, ['STEPPED_UP', 'REDIRECTED', 'NFA', 'WITHDRAWN'][outcome]!, day);
            break;
          }
          const worker = head >= waiting.length ? roomiest(item.weight) : -1;
          if (worker >= 0) allocate(item, worker, day);
          else {
            item.stage = 'waiting';
            item.joinedDay = day;
            waiting.push(item);
          }
          break;
        }
        case 'consent': {
          if (item.consent !== 'given') {
            end(item, 'CLOSED', day);
            break;
          }
          item.stage = 'assessment';
          const took = delay(random, parameters.delays.assessment);
          // Due a set number of working days from the allocation, not from consent
          item.onTime = table.workingDaysBetween(item.allocatedDay, day) + took <= assessmentDue;
          at(table.addWorkingDays(day, took), { kind: 'assessed', item });
          break;
        }
        case 'assessed': {
          totals.assessments += 1;
          weekly.assessments[Math.floor(day / 7)]! += 1;
          if (item.onTime) {
            totals.assessmentsOnTime += 1;
            weekly.assessmentsOnTime[Math.floor(day / 7)]! += 1;
          }
          item.stage = 'support';
          item.endsDay = table.addMonths(item.allocatedDay, supportMonths(item));
          const prepared = table.addWorkingDays(day, timescales.reviewOpensWorkingDaysBefore);
          item.reviewDue = Math.max(cadence(item.allocatedDay, 1), prepared);
          scheduleReview(item, day);
          break;
        }
        case 'reviewed': {
          totals.reviews += 1;
          weekly.reviews[Math.floor(day / 7)]! += 1;
          if (item.onTime) {
            totals.reviewsOnTime += 1;
            weekly.reviewsOnTime[Math.floor(day / 7)]! += 1;
          }
          const decision = random.pick([
            parameters.review.close,
            parameters.review.stepUp,
            Math.max(0, 1 - parameters.review.close - parameters.review.stepUp),
          ]);
          if (decision === 1) {
            end(item, 'STEPPED_UP', day);
            break;
          }
          let cycles = 1;
          const after = Math.max(item.reviewDue, day);
          while (cadence(item.allocatedDay, cycles) <= after) cycles += 1;
          const next = cadence(item.allocatedDay, cycles);
          if (decision === 2 && next <= item.endsDay) {
            item.reviewDue = next;
            scheduleReview(item, day);
          } else {
            openClosure(item, day);
          }
          break;
        }
        case 'closed':
          end(item, 'CLOSED', day);
          break;
      }
    }
    // The position at the day's end
    const length = waiting.length - head;
    totals.waitingListPeak = Math.max(totals.waitingListPeak, length);
    if (day % 7 === 6 || day === days - 1) {
      const week = Math.floor(day / 7);
      weekly.waitingList[week] = length;
      weekly.longestWaitDays[week] = length > 0 ? day - waiting[head]!.joinedDay : 0;
      weekly.load[week] = workers.reduce((sum, worker) => sum + worker.load, 0);
      weekly.capacity[week] = workers.reduce((sum, worker) => sum + worker.capacity, 0);
    }
  }
  const last = days - 1;
  if (head < waiting.length)
    totals.longestWaitDays = Math.max(totals.longestWaitDays, last - waiting[head]!.joinedDay);
  for (const item of open) {
    const status = {
      referred: 'HUB_DECISION',
      waiting: 'WAITING_LIST',
      consent: 'CONSENT',
      assessment: 'ASSESSMENT',
      support: 'SUPPORT',
    }[item.stage];
    totals.statuses[status] = (totals.statuses[status] ?? 0) + 1;
  }
  return { weekly, totals };
}
