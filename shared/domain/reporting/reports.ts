import { parseQuarterId, previousQuarter } from '../../core/calendar';
import { nextQuarterForecast, reviewForecast } from '../forecast/report';
import { configuredLocalities } from '../../core/config';
import { auditPut, buildAuditEvent } from '../../adapters/data/audit';
import { AlreadyExistsError, ConflictError, type Db, NotFoundError, transact } from '../../adapters/data/db';
import { reportKey } from '../../adapters/data/keys';
import { getLatestReport, getReportVersion } from '../../adapters/data/reports';
import { combineScopes, computeAnnualReport, computeReport, type ScopeInputs } from '../metrics/compute';
import { gatherLocality } from '../metrics/gather';
import { type ImprovementThresholds, loadThresholds } from '../metrics/thresholds';
import { type Actor, type Report, reportSchema, SYSTEM_ACTOR } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import { type CyclePlan, PARTNERSHIP, planCycle } from './cycle';

// Report versions: the cycle stores each scope's draft as version 1; the manager's submission is the
// next version, frozen; a correction is a further version. Every version is written once, with its
// audit event, conditional on the version not existing, so a retried step never writes twice.

export type ReportKind = Report['kind'];

async function writeVersion(
  db: Db,
  report: Report,
  actor: Actor,
  action: 'report.drafted' | 'report.submitted',
) {
  const record = parseOrThrow(reportSchema, report);
  await transact(
    db,
    [
      {
        Put: {
          TableName: db.tableName,
          Item: { ...reportKey(record.scope, record.period, record.version), itemType: 'report', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(
        db,
        buildAuditEvent({
          subject: `report#${record.scope}#${record.period}`,
          at: record.submittedAt ?? record.createdAt,
          actor,
          action,
          details: { kind: record.kind, version: record.version, status: record.status },
        }),
      ),
    ],
    (failed) =>
      failed.includes(0)
        ? new AlreadyExistsError(`report ${record.scope} ${record.period} version ${record.version}`)
        : undefined,
  );
  return record;
}

export interface PreparedReport {
  kind: ReportKind;
  scope: string;
  period: string;
  version: number;
  flags: number;
}

export interface PreparedCycle extends CyclePlan {
  reports: PreparedReport[];
}

function draftOf(
  kind: ReportKind,
  scope: string,
  period: string,
  computed: ReturnType<typeof computeReport>,
  now: string,
): Report {
  return {
    kind,
    scope: scope as Report['scope'],
    period,
    version: 1,
    status: 'draft',
    metrics: computed.metrics,
    flags: computed.flags,
    ...(computed.improvementOptions.length > 0 ? { improvementOptions: computed.improvementOptions } : {}),
    createdAt: now,
  };
}

async function storeDraft(db: Db, draft: Report): Promise<PreparedReport> {
  try {
    const stored = await writeVersion(db, draft, SYSTEM_ACTOR, 'report.drafted');
    return summary(stored);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const first = await getReportVersion(db, draft.scope, draft.period, 1);
    return summary(first!);
  }
}

function summary(report: Report): PreparedReport {
  return {
    kind: report.kind,
    scope: report.scope,
    period: report.period,
    version: report.version,
    flags: report.flags.length,
  };
}

/**
 * Computes and stores the drafts a quarter owes (each locality and the partnership; after Q4 the
 * annual reports too) and answers the tasks to open. A draft that exists is kept as it is: running
 * the cycle twice for a quarter computes nothing twice and writes nothing twice.
 */
export async function prepareCycle(
  db: Db,
  quarterId: string,
  now: string,
  thresholds: ImprovementThresholds = loadThresholds(),
): Promise<PreparedCycle> {
  const quarter = parseQuarterId(quarterId);
  const plan = planCycle(quarter, now);
  const wanted = [...plan.quarterly, ...plan.annual].map((task) => ({
    kind: (task.type === 'annual-report' ? 'annual' : 'quarterly') as ReportKind,
    scope: task.scope,
    period: task.period,
  }));
  const existing = await Promise.all(wanted.map((want) => getReportVersion(db, want.scope, want.period, 1)));
  if (existing.every((report) => report !== undefined)) {
    return { ...plan, reports: existing.map((report) => summary(report!)) };
  }

  const localities = configuredLocalities().map((locality) => locality.id);
  const inputs: ScopeInputs[] = [];
  for (const locality of localities) inputs.push(await gatherLocality(db, locality, quarter, thresholds));
  const partnership = combineScopes(PARTNERSHIP, inputs);

  const reports: PreparedReport[] = [];
  for (const scopeInputs of [...inputs, partnership]) {
    // Next quarter's forecast, and how the one made a quarter ago compares with this quarter (issue 22)
    const forecast = await nextQuarterForecast(
      db,
      scopeInputs.scope === PARTNERSHIP ? localities : [scopeInputs.scope],
      quarter,
    );
    const review = reviewForecast(
      await getReportVersion(db, scopeInputs.scope, previousQuarter(quarter).id, 1),
      scopeInputs,
    );
    reports.push(
      await storeDraft(db, {
        ...draftOf('quarterly', scopeInputs.scope, quarter.id, computeReport(scopeInputs, thresholds), now),
        forecast,
        ...(review ? { forecastReview: review } : {}),
      }),
    );
    if (quarter.quarter === 4) {
      reports.push(
        await storeDraft(
          db,
          draftOf(
            'annual',
            scopeInputs.scope,
            quarter.financialYear.id,
            computeAnnualReport(scopeInputs, thresholds),
            now,
          ),
        ),
      );
    }
  }
  return { ...plan, reports };
}

export interface Submission {
  scope: string;
  period: string;
  /** The version the task showed (the draft): the submission becomes the next one. */
  basedOnVersion: number;
  commentary: string;
  improvementOptions?: string[];
  preventedEscalations?: string;
  caseStudies?: { title: string; story: string }[];
  submittedBy: string;
  now: string;
}

/**
 * Freezes the report: writes the submitted version (commentary, options chosen) after the one the
 * task showed. A retry of the same submission finds it written and answers it; a second, different
 * submission is refused (a correction is `correctReport`).
 */
export async function submitReport(db: Db, submission: Submission): Promise<Report> {
  const base = await getReportVersion(db, submission.scope, submission.period, submission.basedOnVersion);
  if (!base) {
    throw new NotFoundError(
      `report ${submission.scope} ${submission.period} version ${submission.basedOnVersion}`,
    );
  }
  const next: Report = {
    ...base,
    version: base.version + 1,
    status: 'submitted',
    commentary: submission.commentary,
    createdAt: submission.now,
    submittedAt: submission.now,
    submittedBy: submission.submittedBy,
    ...(submission.preventedEscalations ? { preventedEscalations: submission.preventedEscalations } : {}),
    ...(submission.caseStudies ? { caseStudies: submission.caseStudies } : {}),
  };
  if (submission.improvementOptions && submission.improvementOptions.length > 0) {
    next.improvementOptions = submission.improvementOptions;
  } else {
    delete next.improvementOptions;
  }
  try {
    return await writeVersion(db, next, { type: 'staff', id: submission.submittedBy }, 'report.submitted');
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const written = await getReportVersion(db, submission.scope, submission.period, next.version);
    if (written?.status === 'submitted' && written.commentary === next.commentary) return written;
    throw new ConflictError(
      `report ${submission.scope} ${submission.period} was already submitted as version ${next.version}`,
      'already-submitted',
    );
  }
}

/** A correction to a submitted report: a new version after the latest, both kept. */
export async function correctReport(
  db: Db,
  correction: {
    scope: string;
    period: string;
    commentary: string;
    improvementOptions?: string[];
    by: string;
    now: string;
  },
): Promise<Report> {
  const latest = await getLatestReport(db, correction.scope, correction.period);
  if (!latest) throw new NotFoundError(`report ${correction.scope} ${correction.period}`);
  if (latest.status !== 'submitted') {
    throw new ConflictError(
      `report ${correction.scope} ${correction.period} is not submitted yet`,
      'not-submitted',
    );
  }
  const next: Report = {
    ...latest,
    version: latest.version + 1,
    commentary: correction.commentary,
    createdAt: correction.now,
    submittedAt: correction.now,
    submittedBy: correction.by,
    ...(correction.improvementOptions ? { improvementOptions: correction.improvementOptions } : {}),
  };
  return writeVersion(db, next, { type: 'staff', id: correction.by }, 'report.submitted');
}
