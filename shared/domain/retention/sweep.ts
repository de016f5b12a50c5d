import * as z from 'zod/mini';
import { londonDate } from '../../core/calendar/london';
import { appendAuditEvent } from '../../adapters/data/audit';
import type { Db } from '../../adapters/data/db';
import { claimLease, releaseLease } from '../../adapters/data/lease';
import {
  deleteCaseData,
  findCasesPastRetention,
  markMigrationDone,
  migrationDone,
  RETENTION_INDEX_MIGRATION,
  type RetentionReindexResult,
  reindexEndedCasesForRetention,
} from '../../adapters/data/retention';
import { configuredLocalities } from '../../core/config';
import { deleteCaseFiles, expireLapsedUploads } from '../documents/documents';

// The retention sweep (DESIGN.md: personal data kept 6 years after closure, configurable). A case
// past its `retainUntil` goes whole (shared/adapters/data/retention.ts), its files in the documents
// bucket first. The quarter's counters and the stored reports hold no personal data and stay. Each deletion leaves
// one audit event under `retention#<day>` naming the case id and reference only. Each run also marks
// the uploads whose link lapsed without bytes `expired` (shared/domain/documents/documents.ts).

export interface SweepResult {
  deleted: number;
  /** More cases were due than this call's limit: run again. */
  more: boolean;
}

export async function sweepRetention(
  db: Db,
  now: Date,
  options: { limit?: number } = {},
): Promise<SweepResult> {
  const limit = options.limit ?? 100;
  const today = londonDate(now);
  const due = await findCasesPastRetention(db, { today, limit: limit + 1 });
  const batch = due.slice(0, limit);
  for (const record of batch) {
    // The files first: their keys are read from the items the partition's deletion removes.
    await deleteCaseFiles(db, record.id);
    await deleteCaseData(db, record.id);
    await appendAuditEvent(db, {
      subject: `retention#${today}`,
      caseId: record.id,
      at: now.toISOString(),
      actor: { type: 'system', id: 'retention-sweep' },
      action: 'retention.case-deleted',
      details: { reference: record.reference },
    });
  }
  return { deleted: batch.length, more: due.length > limit };
}

/**
 * One pass (up to `limit` writes) of giving the cases that ended before the retention index their
 * keys in it, over every configured locality; the marker `MIGRATION#retention-gsi4` is written once a
 * pass completes, so the sweep stops asking. Safe to repeat, and beside casework (each write is
 * conditional on the case being unchanged). docs/decisions.md, "Retention: a daily sweep deletes a
 * case whole".
 */
export async function reindexForRetention(
  db: Db,
  options: { at: Date; limit?: number },
): Promise<RetentionReindexResult> {
  const pass = await reindexEndedCasesForRetention(db, {
    localities: configuredLocalities().map((locality) => locality.id),
    limit: options.limit ?? 500,
  });
  if (pass.complete) await markMigrationDone(db, RETENTION_INDEX_MIGRATION, options.at.toISOString());
  return pass;
}

/**
 * How long a sweep holds its lease without renewing it: longer than one step with every retry the
 * workflow allows (7 attempts of at most 300 s, plus back-off, about 38 minutes).
 */
export const SWEEP_LEASE_MS = 60 * 60 * 1000;
const SWEEP_LEASE = 'retention-sweep';

/**
 * One step of the sweep run by `execution`, serialised across executions: a second sweep started
 * while one runs (a retried schedule, a start by hand) finds the lease taken and ends at once, so
 * no case is deleted, or its deletion recorded, twice. The holder renews the lease on each step and
 * gives it back when nothing more is due; a holder that dies blocks others only until it lapses.
 */
export async function sweepRetentionStep(
  db: Db,
  step: { execution: string; at: Date; now: Date; limit?: number },
): Promise<SweepResult & { expired?: number; reindexed?: number; skipped?: true }> {
  const claimed = await claimLease(db, {
    name: SWEEP_LEASE,
    holder: step.execution,
    now: step.now,
    forMs: SWEEP_LEASE_MS,
  });
  if (!claimed) return { deleted: 0, more: false, skipped: true };
  // Before the sweep relies on the retention index: cases that ended before it (a table from before
  // the index) are given their keys once, a batch a step, until a pass completes and leaves a marker.
  let reindexed = 0;
  if (!(await migrationDone(db, RETENTION_INDEX_MIGRATION))) {
    const pass = await reindexForRetention(db, { at: step.now, limit: (step.limit ?? 100) * 5 });
    if (!pass.complete) return { deleted: 0, more: true, reindexed: pass.indexed };
    reindexed = pass.indexed;
  }
  // Uploads whose link lapsed without bytes: marked `expired` here, not only when someone reads the
  // case's documents (a case nobody opens would keep them awaited for ever).
  const uploads = await expireLapsedUploads(db, step.at, step.limit ?? 100);
  const result = await sweepRetention(db, step.at, { limit: step.limit });
  const more = result.more || uploads.more;
  if (!more) await releaseLease(db, SWEEP_LEASE, step.execution);
  return {
    ...result,
    more,
    ...(uploads.expired > 0 ? { expired: uploads.expired } : {}),
    ...(reindexed > 0 ? { reindexed } : {}),
  };
}

/** What the retention workflow hands its Lambda (versioned like every workflow payload). */
export const sweepRetentionPayloadSchema = /* @__PURE__ */ (() =>
  z.object({
    schemaVersion: z.literal(1),
    /** The schedule's fire time (EventBridge Scheduler's scheduled-time), or the execution's start. */
    at: z.iso.datetime({ offset: true }),
    /** The execution's name: the lease's holder. */
    execution: z.string().check(z.minLength(1), z.maxLength(80)),
    /** When this step started (the state's entered time), for the lease. */
    now: z.iso.datetime({ offset: true }),
    limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(500))),
  }))();
