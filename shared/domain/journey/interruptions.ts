import { roomiestFitting } from '../allocation/waiting-list';
import { allocateWaiting } from '../allocation/allocate';
import { isIsoDate, londonDate } from '../../core/calendar';
import {
  allocation,
  CapacityError,
  cases,
  ConflictError,
  type Db,
  NotFoundError,
  workers,
} from '../../adapters/data';
import type { Case } from '../../core/schemas';
import type { LeadProfessional } from '../../core/schemas/case';
import { ValidationError } from '../../core/schemas/validation-error';
import { auditActorOf, inArea, type JourneyActor } from '../tasks/actor';
import { cancelCaseTasks } from '../tasks/cancel';
import { NotAllowedError } from '../tasks/errors';
import { ownerFor } from '../tasks/owners';
import { isCaseworkTaskType } from '../tasks/types';
import { syncPlanTasks } from '../family-plan/plan-tasks';
import { changeCase, endCase } from './case-changes';
import { CaseEndedError } from './errors';
import { stepUp } from './endings';
import { type CaseStatus, isOpenStatus } from '../../core/vocabulary/cases';

// What can happen to a case at any time: withdrawn (by the family or the referrer), stepped up to
// children's social care, transferred to another worker or locality, or (enhanced support) extended
// by a senior. The case is changed first, then its open task is cancelled: the journey, woken by the
// cancellation, reads the case and either ends or opens the stage's task again for the new owner.

export interface CaseOutcome {
  caseId: string;
  status: CaseStatus;
  locality: string;
  keyWorkerId?: string;
  leadProfessional?: LeadProfessional;
}

function outcomeOf(record: Case): CaseOutcome {
  return {
    caseId: record.id,
    status: record.status,
    locality: record.locality,
    ...(record.keyWorkerId ? { keyWorkerId: record.keyWorkerId } : {}),
    ...(record.leadProfessional ? { leadProfessional: record.leadProfessional } : {}),
  };
}

async function openCase(db: Db, caseId: string): Promise<Case> {
  const record = await cases.requireCase(db, caseId);
  if (!isOpenStatus(record.status)) throw new CaseEndedError(record.id, record.status);
  return record;
}

function requireStaff(actor: JourneyActor, caseId: string): Extract<JourneyActor, { kind: 'staff' }> {
  if (actor.kind !== 'staff') throw new NotAllowedError(caseId);
  return actor;
}

/** Withdrawn by the family or the referrer: the case ends, its task is cancelled, its place freed. */
export async function withdrawCase(
  db: Db,
  caseId: string,
  actor: JourneyActor,
  reason: string,
  now: Date | string,
): Promise<CaseOutcome> {
  const at = new Date(now).toISOString();
  const record = await openCase(db, caseId);
  if (actor.kind === 'public') throw new NotAllowedError(caseId);
  if (actor.kind === 'partner' && record.referral.partnerId !== actor.partnerId)
    throw new NotFoundError(`case ${caseId}`);
  const summary = reason.trim().slice(0, 4000);
  const ended = await endCase(db, record, {
    now: at,
    actor: auditActorOf(actor),
    status: 'WITHDRAWN',
    changes: { closure: { on: londonDate(at), reason: 'withdrawn', ...(summary ? { summary } : {}) } },
    details: { by: actor.kind },
  });
  await cancelCaseTasks(db, caseId, { actor: auditActorOf(actor), reason: 'case withdrawn', now: at });
  if (ended.freedLocality) await allocateWaiting(db, ended.freedLocality, at);
  return outcomeOf(ended.case);
}

/** Stepped up to children's social care at any point: the duty team and the referrer are told. */
export async function stepUpCase(
  db: Db,
  caseId: string,
  actor: JourneyActor,
  reason: string,
  now: Date | string,
): Promise<CaseOutcome> {
  const at = new Date(now).toISOString();
  requireStaff(actor, caseId);
  const record = await openCase(db, caseId);
  const ended = await stepUp(db, record, {
    now: at,
    actor: auditActorOf(actor),
    details: { by: 'staff', stage: record.status },
    changes: {
      closure: {
        on: londonDate(at),
        reason: 'stepped-up',
        summary: reason.trim().slice(0, 4000) || 'Stepped up',
      },
    },
  });
  await cancelCaseTasks(db, caseId, { actor: auditActorOf(actor), reason: 'case stepped up', now: at });
  return outcomeOf(ended);
}

export interface TransferTarget {
  /** A named family support worker (a senior's choice); their area becomes the case's locality. */
  toWorkerId?: string;
  /** Another locality: the worker there with the most room takes the case. */
  toLocality?: string;
}

/**
 * Moves a case to another worker or locality. An allocated case moves with its caseload units in one
 * transaction (refused with CapacityError when nobody named or in the locality has room: a family is
 * never left without a key worker by a transfer); a case not yet allocated just changes locality.
 * The open task, if its owner changes, is cancelled and opened again for the new owner.
 */
export async function transferCase(
  db: Db,
  caseId: string,
  actor: JourneyActor,
  target: TransferTarget,
  now: Date | string,
): Promise<CaseOutcome> {
  const at = new Date(now).toISOString();
  const staff = requireStaff(actor, caseId);
  if (!target.toWorkerId && !target.toLocality) {
    throw new ValidationError([
      { path: 'toWorkerId', rule: 'required', message: 'name a worker or a locality' },
    ]);
  }
  const record = await openCase(db, caseId);
  let moved: Case;
  let freedLocality: string | undefined;
  if (record.keyWorkerId) {
    const workerId = target.toWorkerId ?? (await roomiestIn(db, target.toLocality!, record));
    const worker = await workers.requireWorker(db, workerId);
    if (target.toLocality && worker.area !== target.toLocality) {
      throw new ValidationError([
        {
          path: 'toWorkerId',
          rule: 'other_locality',
          message: `worker ${workerId} does not work in ${target.toLocality}`,
        },
      ]);
    }
    const result = await allocation.transferCase(db, {
      caseId,
      expectedVersion: record.version,
      workerId,
      now: at,
      actor: auditActorOf(staff),
      locality: worker.area,
    });
    moved = result.case;
    freedLocality = record.locality;
  } else {
    if (target.toWorkerId) {
      throw new ConflictError(
        `case ${caseId} has no key worker yet: transfer it to a locality`,
        'not-allocated',
      );
    }
    if (target.toLocality === record.locality) {
      throw new ConflictError(`case ${caseId} is already in ${record.locality}`, 'same-locality');
    }
    moved = await changeCase(db, record, {
      now: at,
      actor: auditActorOf(staff),
      changes: { locality: target.toLocality! },
      action: 'case.transferred',
      details: { fromLocality: record.locality, toLocality: target.toLocality! },
    });
  }
  await cancelCaseTasks(db, caseId, {
    actor: auditActorOf(staff),
    reason: 'case transferred',
    now: at,
    // The family plan's tasks move with the case to its new key worker instead (below).
    only: (task) =>
      !isCaseworkTaskType(task.type) &&
      ownerFor(task.type as Parameters<typeof ownerFor>[0], moved).owner !== task.owner,
  });
  if (moved.keyWorkerId !== record.keyWorkerId) await syncPlanTasks(db, moved, at, auditActorOf(staff));
  if (freedLocality) await allocateWaiting(db, freedLocality, at);
  // A waiting case joins the new locality's list by its waiting time: it may be its turn already.
  if (moved.status === 'WAITING_LIST') await allocateWaiting(db, moved.locality, at);
  return outcomeOf(await cases.requireCase(db, moved.id));
}

async function roomiestIn(db: Db, locality: string, record: Case): Promise<string> {
  const rooms = await workers.capacityByLocality(db, locality);
  const fitting = roomiestFitting(
    rooms.filter((room) => room.workerId !== record.keyWorkerId),
    record.allocatedWeight ?? allocation.weightOf(record),
  );
  if (!fitting) throw new CapacityError(`any worker in ${locality}`);
  return fitting.workerId;
}

/** A senior extends support past its planned end (enhanced support beyond twelve months). */
export async function extendSupport(
  db: Db,
  caseId: string,
  actor: JourneyActor,
  extension: { until: string },
  now: Date | string,
): Promise<CaseOutcome & { supportEndsOn: string }> {
  const at = new Date(now).toISOString();
  const staff = requireStaff(actor, caseId);
  const record = await openCase(db, caseId);
  if (!['senior', 'locality-manager'].includes(staff.role) || !inArea(staff, record.locality)) {
    throw new NotAllowedError(caseId);
  }
  if (!isIsoDate(extension.until)) {
    throw new ValidationError([
      { path: 'until', rule: 'format:date', message: 'a calendar date YYYY-MM-DD' },
    ]);
  }
  if (record.status !== 'SUPPORT' || !record.support) {
    throw new ConflictError(`case ${caseId} is not in support (it is ${record.status})`, 'not-in-support');
  }
  if (extension.until <= record.support.endsOn) {
    throw new ValidationError([
      { path: 'until', rule: 'after_current_end', message: `must be after ${record.support.endsOn}` },
    ]);
  }
  const updated = await changeCase(db, record, {
    now: at,
    actor: auditActorOf(staff),
    changes: { support: { ...record.support, endsOn: extension.until, extendedBy: staff.userId } },
    action: 'case.support-extended',
    details: { from: record.support.endsOn, until: extension.until },
  });
  return { ...outcomeOf(updated), supportEndsOn: extension.until };
}

/**
 * Names the lead professional of the team around the family (seeds/003): the key worker, or a partner
 * agency's practitioner. The key worker or a senior of the case's area; the audit trail records the
 * kind only (a practitioner's name is personal data).
 */
export async function setLeadProfessional(
  db: Db,
  caseId: string,
  actor: JourneyActor,
  lead: LeadProfessional,
  now: Date | string,
): Promise<CaseOutcome> {
  const at = new Date(now).toISOString();
  const staff = requireStaff(actor, caseId);
  const record = await openCase(db, caseId);
  const keyWorker = staff.role === 'family-support-worker' && record.keyWorkerId === staff.userId;
  const senior = staff.role === 'senior' && inArea(staff, record.locality);
  if (!keyWorker && !senior) throw new NotAllowedError(caseId);
  const updated = await changeCase(db, record, {
    now: at,
    actor: auditActorOf(staff),
    changes: { leadProfessional: lead },
    action: 'case.lead-professional-changed',
    details: { kind: lead.kind, ...(lead.kind === 'practitioner' ? { agencyGiven: true } : {}) },
  });
  return outcomeOf(updated);
}
