import { addDays, londonDate } from '../../shared/core/calendar';
import type { Case } from '../../shared/core/schemas/case';
import { headlineOf } from '../../shared/core/config/outcome-framework';
import { addEntry } from '../../shared/domain/case-record/chronology';
import { setActionStatus, writePlan } from '../../shared/domain/family-plan/plan-writes';
import { recordTafMeeting } from '../../shared/domain/family-plan/taf-meetings';
import type { Db } from '../../shared/adapters/data/db';
import { latestPlanVersion } from '../../shared/adapters/data/family-plan';
import { listOutcomeEvidence } from '../../shared/adapters/data/claims';
import { recordOutcomeEvidence } from '../../shared/domain/claims/outcomes';
import type { NeedId } from '../../shared/core/vocabulary/needs';

// The key worker's casework between the journey's tasks (issue #18): the family plan written once the
// assessment is done, then case notes, plan updates and Team Around the Family meetings at fixed
// realistic rates while the family is in support, through the same domain functions as the API.
// Assumed rates (docs/decisions.md, "The simulation's casework"): a case note a week (a visit or a
// call), an action's status changed every four weeks, a Team Around the Family meeting every six
// weeks (the usual cycle; seeds/003's team around the family).

export const CASEWORK_KINDS = [
  'plan-written',
  'case-note',
  'plan-update',
  'taf-meeting',
  'outcome-evidence',
] as const;
export type CaseworkKind = (typeof CASEWORK_KINDS)[number];

/** Days until the next piece of each kind of work (none again for the one-off plan). */
export const CASEWORK_EVERY_DAYS: Record<Exclude<CaseworkKind, 'plan-written'>, number> = {
  'case-note': 7,
  'plan-update': 28,
  'taf-meeting': 42,
  // Issue #19: the evidence of one identified need's positive outcome every four weeks in support, so a
  // standard three-month family has about three needs evidenced (assumed; docs/decisions.md).
  'outcome-evidence': 28,
};

/** The handler each kind stands for (its requests are metered under this name). */
export const CASEWORK_HANDLERS: Record<CaseworkKind, string> = {
  'plan-written': 'write-family-plan',
  'case-note': 'add-case-record-entry',
  'plan-update': 'set-plan-action-status',
  'taf-meeting': 'record-taf-meeting',
  'outcome-evidence': 'record-case-outcome',
};

const keyWorkerOf = (record: Case) =>
  ({
    kind: 'staff',
    userId: record.keyWorkerId!,
    role: 'family-support-worker',
    area: record.locality,
  }) as const;

/** Does one piece of casework; false when there is nothing to do (no plan yet, every action done). */
export async function doCasework(
  db: Db,
  record: Case,
  kind: CaseworkKind,
  at: Date,
  count: number,
): Promise<boolean> {
  const caller = keyWorkerOf(record);
  const today = londonDate(at);
  if (kind === 'case-note') {
    await addEntry(
      db,
      record,
      caller,
      {
        type: count % 2 === 0 ? 'visit' : 'phone-call',
        occurredAt: at.toISOString(),
        present: { family: [], agencies: [] },
        text: 'Simulated: how the week went, and the next steps agreed.',
      },
      at,
    );
    return true;
  }
  if (kind === 'outcome-evidence') {
    const evidenced = new Set((await listOutcomeEvidence(db, record.id)).map((item) => item.need));
    const need = record.assessment?.needs.find((one) => !evidenced.has(one));
    if (!need) return false;
    await recordOutcomeEvidence(
      db,
      record,
      caller,
      {
        need,
        positive: true,
        achieved: 'Simulated: the need is met and the change has held.',
        source: { kind: 'practitioner' },
        achievedOn: today,
      },
      at,
    );
    return true;
  }
  // What the key worker sees of the plan: its latest version alone (one item, not every version).
  const latest = await latestPlanVersion(db, record.id);
  if (kind === 'plan-written') {
    if (latest) return false;
    await writePlan(
      db,
      record,
      caller,
      {
        summary: 'Simulated plan.',
        goals: record.needs.slice(0, 3).map((need) => ({
          goal: `Simulated goal for ${need}`,
          needs: [need],
          outcomes: [headlineOf(need as NeedId)],
          actions: [
            {
              what: 'Simulated key worker action',
              owner: { kind: 'key-worker' },
              dueOn: addDays(today, 28),
              status: 'not-started',
            },
            {
              what: 'Simulated family action',
              owner: { kind: 'family-member', name: 'Parent' },
              dueOn: addDays(today, 42),
              status: 'not-started',
            },
          ],
        })),
        revises: 0,
      },
      at,
    );
    return true;
  }
  if (!latest) return false;
  if (kind === 'plan-update') {
    // The key worker's own actions are done through their tasks (plan-action); this updates the others.
    const action = latest.goals
      .flatMap((goal) => goal.actions)
      .find((one) => one.status !== 'done' && one.owner.kind !== 'key-worker');
    if (!action) return false;
    const status = action.status === 'not-started' ? 'in-progress' : 'done';
    await setActionStatus(db, record, caller, action.id, { status, revises: latest.version }, at);
    return true;
  }
  const goal = latest.goals.find((one) => !one.status);
  await recordTafMeeting(
    db,
    record,
    caller,
    {
      heldOn: today,
      attendees: [
        { role: 'Key worker', agency: 'Supporting Families' },
        { role: 'Family liaison', agency: 'School' },
      ],
      familyPresent: count % 3 !== 2,
      decisions: 'Simulated: progress reviewed, the next steps agreed.',
      actions: goal
        ? [
            {
              goalId: goal.id,
              what: 'Simulated agreed action',
              owner: { kind: 'key-worker' },
              dueOn: addDays(today, 28),
            },
          ]
        : [],
      nextMeetingOn: addDays(today, CASEWORK_EVERY_DAYS['taf-meeting']),
    },
    at,
  );
  return true;
}
