import { ulid } from 'ulid';
import type { Db } from '../../shared/adapters/data/db';
import { allocateCase } from '../../shared/adapters/data/allocation';
import { createCase, type MetricsOption, updateCase } from '../../shared/adapters/data/cases';
import { createWorker } from '../../shared/adapters/data/workers';
import type { Actor, Case, Referral, Worker } from '../../shared/core/schemas';
import { familyStar, validPartnerReferral } from './fixtures';
import type { NeedId } from '../../shared/core/vocabulary/needs';

export const ACTOR: Actor = { type: 'system', id: 'test' };
export const NOW = '2026-11-23T09:00:00.000Z';

let counter = 0;

/** A stored partner referral; `family` overrides give each case its own child and address. */
export function referral(overrides: Partial<Referral> = {}, unique = true): Referral {
  const body = validPartnerReferral();
  counter += 1;
  if (unique) {
    body.family.members[1].givenName = `Child${counter}`;
    body.family.address.line1 = `${counter} Test Road`;
    // One family name per family: the family-match rules find a shared family name and date of birth.
    for (const member of body.family.members) member.familyName = `Example${counter}`;
  }
  return { ...body, source: 'partner', partnerId: 'demo-police', ...overrides } as Referral;
}

export async function newCase(
  db: Db,
  options: { referral?: Referral; receivedAt?: string; metrics?: MetricsOption } = {},
): Promise<Case> {
  counter += 1;
  return createCase(
    db,
    {
      reference: `SLF-2026-${String(counter).padStart(5, '0')}`,
      referral: options.referral ?? referral(),
      receivedAt: options.receivedAt ?? NOW,
    },
    { actor: ACTOR, ...(options.metrics ? { metrics: options.metrics } : {}) },
  );
}

export function worker(db: Db, overrides: Partial<Worker> = {}): Promise<Worker> {
  const id = overrides.id ?? `fsw-${ulid().toLowerCase()}`;
  return createWorker(
    db,
    {
      id,
      name: 'Pat Worker',
      email: `${id}@sfw.example`,
      role: 'family-support-worker',
      area: 'charnwood',
      active: true,
      capacity: 30,
      ...overrides,
    },
    NOW,
  );
}

/** Moves a new case through screening to the hub decision, as the journey would. */
export async function atHubDecision(
  db: Db,
  record: Case,
  updateCase: typeof import('../../shared/adapters/data/cases').updateCase,
) {
  const screening = await updateCase(db, {
    id: record.id,
    expectedVersion: record.version,
    now: NOW,
    actor: ACTOR,
    status: 'SCREENING',
  });
  return updateCase(db, {
    id: record.id,
    expectedVersion: screening.version,
    now: NOW,
    actor: ACTOR,
    status: 'HUB_DECISION',
  });
}

/** A case allocated to `workerId` in `locality` (past screening and the hub decision). */
export async function allocatedCase(db: Db, locality: string, workerId: string): Promise<Case> {
  const fresh = await newCase(db, { referral: referral({ locality }) });
  const atHub = await atHubDecision(db, fresh, updateCase);
  const allocated = await allocateCase(db, {
    caseId: atHub.id,
    expectedVersion: atHub.version,
    workerId,
    now: NOW,
    actor: ACTOR,
  });
  return allocated.case;
}

/**
 * A case allocated to `workerId`, assessed with `needs` (the journey's consent and assessment steps
 * written directly), in support.
 */
export async function assessedCase(
  db: Db,
  locality: string,
  workerId: string,
  needs: readonly NeedId[],
): Promise<Case> {
  let record = await allocatedCase(db, locality, workerId);
  const step = async (status: Case['status'], changes: Record<string, unknown> = {}) => {
    record = await updateCase(db, {
      id: record.id,
      expectedVersion: record.version,
      now: NOW,
      actor: ACTOR,
      status,
      changes: changes as never,
    });
  };
  await step('CONSENT');
  await step('ASSESSMENT');
  await step('SUPPORT', {
    needs: [...needs],
    assessment: {
      completedOn: '2026-01-10',
      dueDate: '2026-02-10',
      onTime: true,
      needs: [...needs],
      familyStar: familyStar(),
    },
  });
  return record;
}

/** Closes an assessed case on `closedOn` (needs met), as the closure task would. */
export function closedCase(db: Db, record: Case, closedOn: string): Promise<Case> {
  return updateCase(db, {
    id: record.id,
    expectedVersion: record.version,
    now: NOW,
    actor: ACTOR,
    status: 'CLOSED',
    changes: {
      closure: { on: closedOn, reason: 'needs-met' },
      endedAt: `${closedOn}T12:00:00.000Z`,
    } as never,
  });
}
