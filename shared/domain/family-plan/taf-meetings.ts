import { londonDate } from '../../core/calendar';
import type { Case } from '../../core/schemas/case';
import { type FieldError, ValidationError } from '../../core/schemas/validation-error';
import type { TafMeeting, TafMeetingBody } from '../../core/schemas/taf-meeting';
import { auditPut, buildAuditEvent } from '../../adapters/data/audit';
import { type Db, transact } from '../../adapters/data/db';
import { listPlanVersions } from '../../adapters/data/family-plan';
import { newId } from '../../adapters/data/ids';
import { listTafMeetings, tafMeetingPut } from '../../adapters/data/taf-meetings';
import { auditActorOf, type JourneyActor } from '../tasks/actor';
import { requireWorkable, writePlanVersion } from './plan';
import { syncMeetingTasks, syncPlanTasks } from './plan-tasks';

// Team Around the Family meetings (issue #18; seeds/003): the meeting's record, and its actions written
// straight into the family plan as the plan's next version, in one transaction with the meeting, so
// neither is ever there without the other. Audited with ids and counts only.

type StaffActor = Extract<JourneyActor, { kind: 'staff' }>;

/** The plan's own bound (shared/core/schemas/family-plan.ts). */
const MAX_ACTIONS_PER_GOAL = 30;

function checkDates(body: TafMeetingBody, at: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (body.heldOn > londonDate(at)) {
    errors.push({ path: 'heldOn', rule: 'not_in_future', message: 'a meeting is recorded once it is held' });
  }
  if (body.nextMeetingOn !== undefined && body.nextMeetingOn <= body.heldOn) {
    errors.push({
      path: 'nextMeetingOn',
      rule: 'after_held',
      message: 'the next meeting comes after this one',
    });
  }
  return errors;
}

export async function recordTafMeeting(
  db: Db,
  record: Case,
  caller: StaffActor,
  body: TafMeetingBody,
  at: Date,
): Promise<TafMeeting> {
  requireWorkable(record);
  const errors = checkDates(body, at);
  // Every version when the meeting adds actions: the plan's tasks are synced with them and the new one.
  const versions = body.actions.length > 0 ? await listPlanVersions(db, record.id) : [];
  const latest = versions.at(-1);
  if (body.actions.length > 0 && !latest) {
    errors.push({
      path: 'actions',
      rule: 'no_plan',
      message: 'the family has no plan yet to add actions to',
    });
  }
  const goalIds = new Set(latest?.goals.map((goal) => goal.id));
  const room = new Map(latest?.goals.map((goal) => [goal.id, MAX_ACTIONS_PER_GOAL - goal.actions.length]));
  body.actions.forEach((action, index) => {
    if (latest && !goalIds.has(action.goalId)) {
      errors.push({
        path: `actions.${index}.goalId`,
        rule: 'unknown_goal',
        message: 'not a goal of the plan',
      });
      return;
    }
    const left = (room.get(action.goalId) ?? 0) - 1;
    room.set(action.goalId, left);
    if (latest && left < 0) {
      errors.push({
        path: `actions.${index}.goalId`,
        rule: 'too_many_actions',
        message: `a goal holds at most ${MAX_ACTIONS_PER_GOAL} actions: finish or drop some in the plan first`,
      });
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);

  const actions = body.actions.map((action) => ({ ...action, actionId: newId(at.getTime()) }));
  const meeting: TafMeeting = {
    id: newId(at.getTime()),
    caseId: record.id,
    heldOn: body.heldOn,
    attendees: body.attendees,
    familyPresent: body.familyPresent,
    decisions: body.decisions,
    actions,
    ...(body.nextMeetingOn ? { nextMeetingOn: body.nextMeetingOn } : {}),
    ...(latest ? { planVersion: latest.version + 1 } : {}),
    recordedBy: caller.userId,
    recordedAt: at.toISOString(),
  };
  const audit = buildAuditEvent({
    subject: `case#${record.id}`,
    caseId: record.id,
    at: meeting.recordedAt,
    actor: auditActorOf(caller),
    action: 'case.taf-meeting-recorded',
    details: {
      meetingId: meeting.id,
      attendees: meeting.attendees.length,
      familyPresent: meeting.familyPresent,
      actions: actions.length,
      nextMeetingOn: meeting.nextMeetingOn ?? null,
    },
  });
  const also = [tafMeetingPut(db, meeting), auditPut(db, audit)];
  if (!latest) {
    await transact(db, also);
    await syncMeetingTasks(db, record, meeting, meeting.recordedAt, auditActorOf(caller));
    return meeting;
  }
  const goals = latest.goals.map((goal) => ({
    ...goal,
    actions: [
      ...goal.actions,
      ...actions
        .filter((action) => action.goalId === goal.id)
        .map(({ actionId, what, owner, dueOn }) => ({
          id: actionId,
          what,
          owner,
          dueOn,
          status: 'not-started' as const,
        })),
    ],
  }));
  const plan = await writePlanVersion(
    db,
    latest,
    { summary: latest.summary, goals },
    { record, actor: caller, at, change: 'taf-meeting', details: { meetingId: meeting.id }, also },
  );
  // The meeting's actions the key worker owns become tasks; the next meeting's date becomes one too.
  const synced = await syncPlanTasks(db, record, meeting.recordedAt, auditActorOf(caller), [
    ...versions,
    plan,
  ]);
  await syncMeetingTasks(
    db,
    record,
    meeting,
    meeting.recordedAt,
    auditActorOf(caller),
    synced.listed,
    synced.lookups,
  );
  return meeting;
}

/** A case's meetings, the latest held first. */
export async function readTafMeetings(db: Db, caseId: string): Promise<TafMeeting[]> {
  return (await listTafMeetings(db, caseId)).reverse();
}
