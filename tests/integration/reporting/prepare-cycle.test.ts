import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuarterId } from '../../../shared/core/calendar';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { updateCase } from '../../../shared/adapters/data/cases';
import { ConflictError } from '../../../shared/adapters/data/db';
import { incrementMetrics } from '../../../shared/adapters/data/metrics';
import { listReportVersions } from '../../../shared/adapters/data/reports';
import { gatherLocality } from '../../../shared/domain/metrics/gather';
import { loadThresholds } from '../../../shared/domain/metrics/thresholds';
import { correctReport, prepareCycle, submitReport } from '../../../shared/domain/reporting/reports';
import type { Case } from '../../../shared/core/schemas';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, newCase, worker } from '../../support/records';
import type { CaseStatus } from '../../../shared/core/vocabulary/cases';

const RUN_AT = '2026-06-30T23:30:00.000Z'; // 00:30 BST on 1 July

async function walk(tables: TestTables, record: Case, path: [CaseStatus, string][]): Promise<Case> {
  let current = record;
  for (const [status, at] of path) {
    current = await updateCase(tables.db, {
      id: current.id,
      expectedVersion: current.version,
      now: at,
      actor: ACTOR,
      status,
      ...(status === 'WAITING_LIST' ? { changes: { waitingSince: at } } : {}),
      ...(status === 'ALLOCATED' ? { changes: { keyWorkerId: 'fsw-report-1', allocatedAt: at } } : {}),
    });
  }
  return current;
}

describe('preparing a quarter’s reports', () => {
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables('prepare-cycle');
    const { db } = tables;
    await worker(db, { id: 'fsw-report-1', area: 'charnwood' });
    await worker(db, { id: 'fsw-report-2', area: 'melton' });
    const at = (day: string) => `2026-${day}T09:00:00.000Z`;
    await walk(tables, await newCase(db, { receivedAt: at('04-20') }), [
      ['SCREENING', at('04-21')],
      ['HUB_DECISION', at('04-22')],
      ['WAITING_LIST', at('05-01')],
    ]);
    await walk(tables, await newCase(db, { receivedAt: at('04-20') }), [
      ['SCREENING', at('04-21')],
      ['HUB_DECISION', at('04-22')],
      ['ALLOCATED', at('04-23')],
      ['CONSENT', at('04-24')],
      ['ASSESSMENT', at('04-27')],
    ]);
    await incrementMetrics(db, 'seed-charnwood', [
      {
        scope: 'charnwood',
        period: '2026-27-Q1',
        increments: { 'referrals.source.partner': 5, 'assessments.completed': 10, 'assessments.onTime': 8 },
      },
      { scope: 'melton', period: '2026-27-Q1', increments: { 'referrals.source.self': 2 } },
    ]);
  });
  afterAll(() => tables.drop());

  it('stores a draft per locality and for the partnership, with the position at quarter end', async () => {
    // Act
    const prepared = await prepareCycle(tables.db, '2026-27-Q1', RUN_AT);
    // Assess
    expect(prepared.reports).toHaveLength(8);
    expect(prepared.quarterly.map((task) => task.scope)).toContain('partnership');
    const [charnwood] = await listReportVersions(tables.db, 'charnwood', '2026-27-Q1');
    expect(charnwood).toMatchObject({ version: 1, status: 'draft', kind: 'quarterly' });
    expect(charnwood!.metrics['waitingList.length']).toEqual({ atQuarterEnd: 1 });
    expect(charnwood!.metrics['waitingList.longestWaitDays']).toEqual({ atQuarterEnd: 60 }); // 1 May to 30 June
    expect(charnwood!.metrics['families.open']).toEqual({ atQuarterEnd: 1 });
    expect(charnwood!.metrics['individuals.open']).toEqual({ atQuarterEnd: 2 });
    expect(charnwood!.metrics['caseload.capacityUnits']).toEqual({ atQuarterEnd: 30 });
    expect(charnwood!.flags.map((flag) => flag.metric)).toEqual(['assessments.onTimePercent']);
    const [partnership] = await listReportVersions(tables.db, 'partnership', '2026-27-Q1');
    expect(partnership!.metrics['referrals.received']).toEqual({ quarter: 7, yearToDate: 7 });
    expect(partnership!.metrics['caseload.capacityUnits']).toEqual({ atQuarterEnd: 60 });
  });

  it('writes nothing twice when the cycle runs again, even two at once', async () => {
    // Act
    await Promise.all([
      prepareCycle(tables.db, '2026-27-Q1', RUN_AT),
      prepareCycle(tables.db, '2026-27-Q1', '2026-07-01T06:00:00.000Z'),
    ]);
    // Assess
    for (const scope of ['charnwood', 'melton', 'partnership']) {
      const versions = await listReportVersions(tables.db, scope, '2026-27-Q1');
      expect(versions.map((report) => report.createdAt)).toEqual([RUN_AT]);
    }
    const audit = await listAuditEvents(tables.db, 'report#charnwood#2026-27-Q1');
    expect(audit.items.map((event) => event.action)).toEqual(['report.drafted']);
  });

  it('keeps the first snapshot of a quarter’s position', async () => {
    // Prepare: another family joins the waiting list after the report was drafted.
    await walk(tables, await newCase(tables.db, { receivedAt: '2026-06-01T09:00:00.000Z' }), [
      ['SCREENING', '2026-06-02T09:00:00.000Z'],
      ['HUB_DECISION', '2026-06-03T09:00:00.000Z'],
      ['WAITING_LIST', '2026-06-04T09:00:00.000Z'],
    ]);
    // Act
    const inputs = await gatherLocality(
      tables.db,
      'charnwood',
      parseQuarterId('2026-27-Q1'),
      loadThresholds(),
    );
    // Assess
    expect(inputs.counters['2026-27-Q1']!['stock.waitingList.length']).toBe(1);
  });

  it('freezes the report on submission, answers a retry with it, and keeps corrections as new versions', async () => {
    const submission = {
      scope: 'charnwood',
      period: '2026-27-Q1',
      basedOnVersion: 1,
      commentary: 'Assessments slipped while two workers were on leave.',
      improvementOptions: ['improvement-plan'],
      submittedBy: 'lm-charnwood',
      now: '2026-07-20T10:00:00.000Z',
    };
    // Act
    const submitted = await submitReport(tables.db, submission);
    const retried = await submitReport(tables.db, submission);
    const second = await submitReport(tables.db, { ...submission, commentary: 'Something else' }).catch(
      (error: unknown) => error,
    );
    const corrected = await correctReport(tables.db, {
      scope: 'charnwood',
      period: '2026-27-Q1',
      commentary: 'Corrected: one assessment was recorded late.',
      by: 'lm-charnwood',
      now: '2026-08-02T10:00:00.000Z',
    });
    // Assess
    expect(submitted).toMatchObject({
      version: 2,
      status: 'submitted',
      improvementOptions: ['improvement-plan'],
    });
    expect(retried).toEqual(submitted);
    expect(second).toBeInstanceOf(ConflictError);
    expect(corrected.version).toBe(3);
    const versions = await listReportVersions(tables.db, 'charnwood', '2026-27-Q1');
    expect(versions.map((report) => [report.version, report.status])).toEqual([
      [1, 'draft'],
      [2, 'submitted'],
      [3, 'submitted'],
    ]);
    expect(versions[2]!.metrics).toEqual(versions[0]!.metrics);
  });

  it('adds the annual reports after the fourth quarter', async () => {
    const prepared = await prepareCycle(tables.db, '2026-27-Q4', '2027-04-01T00:30:00.000Z');
    expect(prepared.reports.filter((report) => report.kind === 'annual')).toHaveLength(8);
    // 31 May 2027 is the spring bank holiday: due the Friday before.
    expect(prepared.annual.map((task) => task.dueDate)).toEqual(Array(8).fill('2027-05-28'));
    const [annual] = await listReportVersions(tables.db, 'melton', '2026-27');
    expect(annual!.metrics['referrals.received']).toMatchObject({ '2026-27-Q1': 2, year: 2 });
  });
});
