import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_TIME_ZONE, SCHEDULES } from '../../../infra/schedules-manifest';
import {
  LocalScheduler,
  SCHEDULER_FUNCTION,
  SCHEDULER_STATE_MACHINE,
  schedulerDefinition,
} from '../../../local/scheduler';
import { localFunctionArn, stateMachineArn } from '../../../local/stack/environment';
import { metrics, tasks } from '../../../shared/adapters/data';
import { getClaim, getClaimCycle } from '../../../shared/adapters/data/claims';
import type { Case, Task, Worker } from '../../../shared/core/schemas';
import { recordOutcomeEvidence } from '../../../shared/domain/claims/outcomes';
import { writePlan } from '../../../shared/domain/family-plan/plan-writes';
import { completeReportTask } from '../../../shared/domain/reporting/complete';
import { type JourneyHarness, startJourneyHarness } from '../../support/journey-harness';
import { assessedCase, closedCase } from '../../support/records';
import type { NeedId } from '../../../shared/core/vocabulary/needs';

// The results claim cycle on the local stack and the engine's virtual clock (issue #19): the schedule
// starts it after the quarter end; each locality's claimable families are listed and sampled; seniors
// audit, the head of service signs off; a family that qualifies is claimed exactly once after its
// sustain period, one with an unmet need never, one that fails its audit leaves the claim with the
// reason; and the engine is restarted mid-cycle, on the same store, without losing or repeating a step.

const ROLE_ARN = 'arn:aws:iam::123456789012:role/local';
const NEEDS: NeedId[] = ['missing-education', 'housing', 'financial-difficulty'];
const Q3 = '2026-27-Q3';
const Q4 = '2026-27-Q4';

describe('the results claim cycle', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfw-claims-'));
  let h: JourneyHarness;
  let scheduler: LocalScheduler;
  const staff: Record<string, { senior: Worker; head: Worker; worker: Worker }> = {};
  const families: Record<'qualifies' | 'unmet' | 'failsAudit' | 'later', Case> = {} as never;

  /** A family assessed with NEEDS, with a plan, evidence for `evidenced` needs and closed on `closedOn`. */
  async function family(
    locality: string,
    closedOn: string,
    evidenced: readonly NeedId[] = NEEDS,
  ): Promise<Case> {
    const { worker } = staff[locality]!;
    const actor = { kind: 'staff' as const, userId: worker.id, role: worker.role, area: worker.area };
    const record = await assessedCase(h.tables.db, locality, worker.id, NEEDS);
    await writePlan(
      h.tables.db,
      record,
      actor,
      {
        goals: [
          {
            goal: 'At school every day',
            needs: ['missing-education'],
            outcomes: ['good-education'],
            actions: [
              {
                what: 'Morning routine',
                owner: { kind: 'key-worker' },
                dueOn: '2099-01-10',
                status: 'not-started',
              },
            ],
          },
        ],
        revises: 0,
      },
      h.now(),
    );
    for (const need of evidenced) {
      await recordOutcomeEvidence(
        h.tables.db,
        record,
        actor,
        {
          need,
          positive: true,
          achieved: 'Improvement held in the records.',
          source: { kind: 'practitioner' },
          achievedOn: '2026-04-01',
        },
        h.now(),
      );
    }
    return closedCase(h.tables.db, record, closedOn);
  }

  async function claimTasks(period: string, type: Task['type']): Promise<Task[]> {
    return (await tasks.listTasksForPeriod(h.tables.db, period)).filter((task) => task.type === type);
  }

  async function complete(task: Task, by: Worker, outcome: unknown) {
    const actor = { kind: 'staff' as const, userId: by.id, role: by.role, area: by.area };
    await completeReportTask(h.tables.db, task.id, actor, outcome, h.now());
    await h.settle();
  }

  beforeAll(async () => {
    h = await startJourneyHarness({ startTime: '2026-12-20T10:00:00.000Z', label: 'claim-cycle', dataDir });
    for (const locality of ['blaby', 'charnwood']) {
      const set = await h.staffLocality(locality, { workers: 1 });
      staff[locality] = { senior: set.senior, head: set.head, worker: set.workers[0]! };
    }
    families.qualifies = await family('blaby', '2026-05-01');
    families.unmet = await family('blaby', '2026-05-01', NEEDS.slice(0, 2));
    families.failsAudit = await family('charnwood', '2026-05-01');
    // Sustained from 20 March 2027: not in the Q3 claim (January), in the Q4 one (April).
    families.later = await family('blaby', '2026-09-20');

    scheduler = new LocalScheduler({
      schedules: [SCHEDULES.find((entry) => entry.name === 'claim-cycle')!],
      timeZone: SCHEDULE_TIME_ZONE,
      stateMachineArn,
      functionArn: localFunctionArn,
      sfn: () => h.sfn,
    });
    h.engine.registerLambda(SCHEDULER_FUNCTION, scheduler.fire);
    await h.sfn.send(
      new CreateStateMachineCommand({
        name: SCHEDULER_STATE_MACHINE,
        roleArn: ROLE_ARN,
        definition: schedulerDefinition({ functionArn: localFunctionArn }),
      }),
    );
    await scheduler.start(h.now());
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the claimable families after the quarter end and opens an audit per sampled locality', async () => {
    // Act: the schedule fires at 06:00 on 2 January
    await h.advanceTo('2027-01-04T12:00:00.000Z');

    // Assess
    const cycle = await getClaimCycle(h.tables.db, Q3);
    expect(cycle?.status).toBe('audit');
    expect(cycle!.families.map((entry) => [entry.caseId, entry.sampled]).sort()).toEqual(
      [
        [families.qualifies.id, true],
        [families.failsAudit.id, true],
      ].sort(),
    );
    const audits = await claimTasks(Q3, 'claim-audit');
    expect(audits.map((task) => [task.owner, task.status]).sort()).toEqual([
      ['role:senior:blaby', 'OPEN'],
      ['role:senior:charnwood', 'OPEN'],
    ]);
    const mail = await h.emailsTo(staff.blaby!.senior.email);
    expect(mail.map((email) => email.subject)).toContainEqual(expect.stringContaining(Q3));
    expect(JSON.stringify(mail)).not.toMatch(/Example\d/);
  });

  it('carries on after the engine restarts mid-cycle: a failed audit removes the family, with its reason', async () => {
    // Prepare: the local stack stops and starts again while the audits wait
    await h.restartEngine();
    h.engine.registerLambda(SCHEDULER_FUNCTION, scheduler.fire);
    const [blaby, charnwood] = ['blaby', 'charnwood'].map(
      (area) => async () => (await claimTasks(Q3, 'claim-audit')).find((task) => task.area === area)!,
    );

    // Act
    await complete(await blaby!(), staff.blaby!.senior, { failed: [] });
    await complete(await charnwood!(), staff.charnwood!.senior, {
      failed: [
        { reference: families.failsAudit.reference, reason: 'No attendance data for the sustain period' },
      ],
    });
    const [signOff] = await claimTasks(Q3, 'claim-sign-off');
    expect(signOff).toMatchObject({ owner: 'role:head-of-service:county', status: 'OPEN' });
    await complete(signOff!, staff.blaby!.head, { approved: true, commentary: 'Sample checked.' });

    // Assess
    const cycle = (await getClaimCycle(h.tables.db, Q3))!;
    expect(cycle.status).toBe('claimed');
    expect(cycle.families.find((entry) => entry.caseId === families.failsAudit.id)).toMatchObject({
      auditFailed: 'No attendance data for the sustain period',
    });
    expect(await getClaim(h.tables.db, families.qualifies.id)).toMatchObject({
      window: Q3,
      locality: 'blaby',
    });
    expect(await getClaim(h.tables.db, families.failsAudit.id)).toBeUndefined();
    expect(await getClaim(h.tables.db, families.unmet.id)).toBeUndefined();
    const partnership = cycle.file!.rows.find((row) => row.scope === 'partnership' && row.headline === 'all');
    expect(partnership).toEqual({
      scope: 'partnership',
      headline: 'all',
      claimable: 2,
      sampled: 2,
      audited: 2,
      failedAudit: 1,
      claimed: 1,
    });
    expect(JSON.stringify(cycle.file)).not.toMatch(/SLF-|01[0-9A-Z]{24}/);
    // The claim produced in January counts in the Q4 report's figures.
    expect(await metrics.getMetrics(h.tables.db, 'blaby', Q4)).toMatchObject({
      'claims.claimable': 1,
      'claims.claimed': 1,
      'claims.claimed.headline.secure-housing': 1,
    });
    const charnwoodFigures = await metrics.getMetrics(h.tables.db, 'charnwood', Q4);
    expect(charnwoodFigures).toMatchObject({ 'claims.audited': 1, 'claims.failedAudit': 1 });
    expect(charnwoodFigures['claims.claimed'] ?? 0).toBe(0);
    const runs = await h.executions('claim-cycle');
    expect(runs.map((run) => run.status)).toEqual(['SUCCEEDED']);
  });

  it('claims a family exactly once, and a later family once its sustain period has passed', async () => {
    // Act: the Q4 claim in April
    await h.advanceTo('2027-04-05T12:00:00.000Z');
    for (const task of await claimTasks(Q4, 'claim-audit')) {
      await complete(task, staff[task.area]!.senior, { failed: [] });
    }
    const [signOff] = await claimTasks(Q4, 'claim-sign-off');
    await complete(signOff!, staff.blaby!.head, { approved: true, commentary: 'Approved.' });

    // Assess
    const cycle = (await getClaimCycle(h.tables.db, Q4))!;
    const listed = cycle.families.map((entry) => entry.caseId);
    expect(listed).not.toContain(families.qualifies.id);
    expect(listed).not.toContain(families.unmet.id);
    expect(listed).toContain(families.later.id);
    expect(await getClaim(h.tables.db, families.qualifies.id)).toMatchObject({ window: Q3 });
    expect(await getClaim(h.tables.db, families.later.id)).toMatchObject({ window: Q4 });
    expect(
      (await h.auditOf(families.qualifies.id)).filter((event) => event.action === 'claim.family-claimed'),
    ).toHaveLength(1);
  });
});
