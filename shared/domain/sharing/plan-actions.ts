import { londonDate } from '../../core/calendar/london';
import type { FamilyPlan, PlanAction } from '../../core/schemas/family-plan';
import type {
  PlanActionUpdate,
  PlanActionUpdateBody,
  SharedPlanAction,
} from '../../core/schemas/plan-action-update';
import { auditPut, buildAuditEvent } from '../../adapters/data/audit';
import { getCase } from '../../adapters/data/cases';
import { type Db, NotFoundError, transact } from '../../adapters/data/db';
import { latestPlanVersion } from '../../adapters/data/family-plan';
import { newId } from '../../adapters/data/ids';
import { listPlanActionUpdates, planActionUpdatePut } from '../../adapters/data/plan-action-updates';
import { listSharedCaseIds } from '../../adapters/data/sharing-consents';
import { isLate, writePlanVersion } from '../family-plan/plan';
import type { JourneyActor } from '../tasks/actor';
import { partnerMayShare } from './consents';

// A partner agency's practitioners on the team around the family read the plan actions their agency
// owns and post updates on them, through the partner API, while the family's consent to share plan
// actions with the agency is in force and the case is open; nothing else of the case. Anything else
// (another agency's action, a withdrawn consent, a closed case) is "not found".

const PURPOSE = 'plan-actions';

function ownedBy(partnerId: string) {
  return (action: PlanAction) => action.owner.kind === 'practitioner' && action.owner.partnerId === partnerId;
}

function viewOf(
  record: { id: string; reference: string },
  plan: FamilyPlan,
  action: PlanAction,
  updates: readonly PlanActionUpdate[],
  today: string,
): SharedPlanAction {
  const owner = action.owner.kind === 'practitioner' ? action.owner : undefined;
  return {
    caseId: record.id,
    reference: record.reference,
    planVersion: plan.version,
    actionId: action.id,
    what: action.what,
    dueOn: action.dueOn,
    status: action.status,
    late: isLate(action, today),
    owner: { name: owner?.name ?? '', role: owner?.role ?? '' },
    updates: updates.filter((update) => update.actionId === action.id),
  };
}

/** The case and its latest plan, when the agency may work on it now; NotFoundError otherwise. */
async function sharedCase(db: Db, partnerId: string, caseId: string) {
  const record = await getCase(db, caseId);
  if (!record || !(await partnerMayShare(db, partnerId, record, PURPOSE))) throw new NotFoundError('case');
  const plan = await latestPlanVersion(db, caseId);
  return { record, plan };
}

/**
 * NotFoundError unless the agency may work on the case now (consent in force, case open): checked
 * before a repeated update is answered from its first answer, so a withdrawal ends a retry's access too.
 */
export async function requireSharedCase(db: Db, partnerId: string, caseId: string): Promise<void> {
  await sharedCase(db, partnerId, caseId);
}

/** Every action the agency owns on the cases shared with it, due soonest first. */
export async function sharedPlanActions(db: Db, partnerId: string, now: Date): Promise<SharedPlanAction[]> {
  const today = londonDate(now);
  const items: SharedPlanAction[] = [];
  for (const caseId of await listSharedCaseIds(db, partnerId, PURPOSE)) {
    const shared = await sharedCase(db, partnerId, caseId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (!shared?.plan) continue;
    const owned = shared.plan.goals.flatMap((goal) => goal.actions).filter(ownedBy(partnerId));
    if (owned.length === 0) continue;
    const updates = await listPlanActionUpdates(db, caseId);
    for (const action of owned) items.push(viewOf(shared.record, shared.plan, action, updates, today));
  }
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.actionId.localeCompare(b.actionId));
}

/**
 * A practitioner's update on an action their agency owns: the note is kept beside the plan; a new status
 * writes the plan's next version (in the same transaction). The status it already has changes nothing.
 */
export async function updateSharedPlanAction(
  db: Db,
  partnerId: string,
  caseId: string,
  actionId: string,
  body: PlanActionUpdateBody,
  at: Date,
): Promise<SharedPlanAction> {
  const { record, plan } = await sharedCase(db, partnerId, caseId);
  const action = plan?.goals.flatMap((goal) => goal.actions).find((one) => one.id === actionId);
  if (!plan || !action || !ownedBy(partnerId)(action)) throw new NotFoundError('action');
  const statusChanges = body.status !== undefined && body.status !== action.status;
  const update: PlanActionUpdate = {
    id: newId(at.getTime()),
    caseId,
    actionId,
    partnerId,
    at: at.toISOString(),
    ...(statusChanges ? { status: body.status } : {}),
    ...(body.note ? { note: body.note } : {}),
  };
  const actor: JourneyActor = { kind: 'partner', partnerId };
  let latest = plan;
  if (statusChanges) {
    const goals = plan.goals.map((goal) => ({
      ...goal,
      actions: goal.actions.map((one) => (one.id === actionId ? { ...one, status: body.status! } : one)),
    }));
    latest = await writePlanVersion(
      db,
      plan,
      { summary: plan.summary, goals },
      {
        record,
        actor,
        at,
        change: 'action-status',
        details: { actionId, status: body.status!, partnerUpdate: true },
        also: body.note ? [planActionUpdatePut(db, update)] : [],
      },
    );
  } else if (body.note) {
    const audit = buildAuditEvent({
      subject: `case#${caseId}`,
      caseId,
      at: update.at,
      actor: { type: 'partner', id: partnerId },
      action: 'case.plan-action-updated',
      details: { actionId, updateId: update.id },
    });
    await transact(db, [planActionUpdatePut(db, update), auditPut(db, audit)]);
  }
  const updates = await listPlanActionUpdates(db, caseId, actionId);
  const current = latest.goals.flatMap((goal) => goal.actions).find((one) => one.id === actionId)!;
  return viewOf(record, latest, current, updates, londonDate(at));
}

/** Every partner update on a case's plan actions, oldest first: the plan's readers see what partners said. */
export function partnerUpdatesOf(db: Db, caseId: string): Promise<PlanActionUpdate[]> {
  return listPlanActionUpdates(db, caseId);
}
