import { quarterOf } from '../core/calendar/financial-year';
import { complexityLabel } from './case-view';
import { londonDate } from '../core/calendar/london';
import { listCasesByLocalityStatus } from '../adapters/data/cases';
import type { Db } from '../adapters/data/db';
import { getMetrics } from '../adapters/data/metrics';
import { listWorkers } from '../adapters/data/workers';
import { isDrifting } from '../domain/journey/support';
import { COUNTERS } from '../domain/metrics/definitions';
import type { Case } from '../core/schemas/case';
import type { Task } from '../core/schemas/task';
import { localityOpenTasks } from './task-lists';
import { OPEN_CASE_STATUSES } from '../core/vocabulary/cases';
import { complexityFromNeeds, type NeedId } from '../core/vocabulary/needs';

// A locality at a glance, for its managers and the head of service: caseload against capacity per
// worker, the waiting list, overdue tasks, this quarter's figures so far and the cases drifting.
// Read only; references and ids, no family's personal details.

export interface WorkerLoad {
  id: string;
  role: string;
  openCases: number;
  load: number;
  capacity: number;
  percent: number;
}

export interface WaitingEntry {
  id: string;
  reference: string;
  since: string;
  days: number;
  /** Against seeds/003's thresholds, as the case page says it (below the threshold, at risk, complex). */
  complexity: string;
}

export interface DriftEntry {
  id: string;
  reference: string;
  status: Case['status'];
  receivedAt: string;
  reviewCount: number;
  keyWorkerId?: string;
}

export interface Dashboard {
  quarter: string;
  workers: WorkerLoad[];
  totals: { load: number; capacity: number; percent: number };
  waiting: WaitingEntry[];
  overdue: Task[];
  drifting: DriftEntry[];
  figures: { label: string; value: number }[];
}

async function allCases(db: Db, locality: string, status: Case['status']): Promise<Case[]> {
  const cases: Case[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCasesByLocalityStatus(db, locality, status, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    cases.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && cases.length < 5000);
  return cases;
}

const DAY_MS = 24 * 3600 * 1000;

export async function localityDashboard(db: Db, locality: string, now: Date): Promise<Dashboard> {
  const today = londonDate(now);
  const quarter = quarterOf(today);
  const [fsws, seniors, openByStatus, tasks, counters] = await Promise.all([
    listWorkers(db, locality, 'family-support-worker', { limit: 500 }),
    listWorkers(db, locality, 'senior', { limit: 500 }),
    Promise.all(OPEN_CASE_STATUSES.map((status) => allCases(db, locality, status))),
    localityOpenTasks(db, locality),
    getMetrics(db, locality, quarter.id),
  ]);
  const workers = [...fsws.items, ...seniors.items]
    .filter((worker) => worker.active && worker.capacity > 0)
    .map((worker) => ({
      id: worker.id,
      role: worker.role,
      openCases: worker.openCases,
      load: worker.load,
      capacity: worker.capacity,
      percent: Math.round((worker.load / worker.capacity) * 100),
    }))
    .sort((a, b) => b.percent - a.percent || a.id.localeCompare(b.id));
  const load = workers.reduce((sum, worker) => sum + worker.load, 0);
  const capacity = workers.reduce((sum, worker) => sum + worker.capacity, 0);
  const open = openByStatus.flat();
  const waiting = open
    .filter((record) => record.status === 'WAITING_LIST')
    .map((record) => {
      const since = record.waitingSince ?? record.updatedAt;
      return {
        id: record.id,
        reference: record.reference,
        since,
        days: Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS)),
        complexity: complexityLabel(complexityFromNeeds(record.needs as NeedId[])),
      };
    })
    .sort((a, b) => a.since.localeCompare(b.since));
  const count = (name: string) => counters[name] ?? 0;
  return {
    quarter: quarter.id,
    workers,
    totals: { load, capacity, percent: capacity ? Math.round((load / capacity) * 100) : 0 },
    waiting,
    // An urgent task is late from its due time; the list comes urgent first like every task list.
    overdue: tasks.filter(
      (task) => task.dueDate < today || (task.dueAt !== undefined && Date.parse(task.dueAt) < now.getTime()),
    ),
    drifting: open
      .filter((record) => isDrifting(record, now))
      .map((record) => ({
        id: record.id,
        reference: record.reference,
        status: record.status,
        receivedAt: record.receivedAt,
        reviewCount: record.reviewCount,
        ...(record.keyWorkerId ? { keyWorkerId: record.keyWorkerId } : {}),
      })),
    figures: [
      { label: 'Referrals received', value: count(COUNTERS.referralsReceived) },
      { label: 'Families engaged', value: count(COUNTERS.familiesEngaged) },
      { label: 'Assessments completed', value: count(COUNTERS.assessmentsCompleted) },
      { label: 'Assessments on time', value: count(COUNTERS.assessmentsOnTime) },
      { label: 'Reviews held', value: count(COUNTERS.reviewsHeld) },
      { label: 'Cases closed', value: count(COUNTERS.closures) },
      { label: 'Joined the waiting list', value: count(COUNTERS.waitingListJoined) },
    ],
  };
}
