import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { screen } from '../../support/journey-outcomes';
import { expectNoPersonalData } from '../../support/journey-steps';

// Late screens escalate inside First Response (issue 17; seeds/001 §6, seeds/004 §12: First Response
// is the county's single front door): the duty manager is told first, then the head of service;
// nobody in a locality who cannot complete a screen is chased for it, and the duty manager can act.

describe('a late safeguarding screen', () => {
  let h: JourneyHarness;
  let staff: StaffSet;

  beforeAll(async () => {
    // Wednesday 3 June 2026, 09:00 BST
    h = await startJourneyHarness({ startTime: '2026-06-03T08:00:00Z', label: 'journey-screen-escalation' });
    staff = await h.staffLocality('melton', { workers: 1 });
  });
  afterAll(() => h?.close());

  it('is escalated to the First Response duty manager, then the head of service, who may complete it', async () => {
    // Prepare: the screen opens on Wednesday and is due the next working day (Thursday 4 June)
    const referred = await h.refer({ locality: 'melton' });
    const task = await h.openTask(referred.id, 'safeguarding-screen');
    expect(task.dueDate).toBe('2026-06-04');
    const emailsOn = async (iso: string) => {
      const before = (await h.emails()).length;
      await h.advanceTo(iso);
      return (await h.emails())
        .slice(before)
        .map((email) => `${email.destination.to.join(',')} ${email.subject.split(':')[0]}`);
    };
    // Act / Assess: the duty team is reminded on the due day at 09:00 London time
    expect(await emailsOn('2026-06-04T08:00:00Z')).toEqual([`${staff.duty.email} Reminder`]);
    // one working day late (Friday): the duty manager, county-wide
    expect(await emailsOn('2026-06-05T07:59:00Z')).toEqual([]);
    expect(await emailsOn('2026-06-05T08:00:00Z')).toEqual([`${staff.dutyManager.email} Overdue`]);
    // two working days late (Monday, over the weekend): the head of service
    expect(await emailsOn('2026-06-08T07:59:00Z')).toEqual([]);
    expect(await emailsOn('2026-06-08T08:00:00Z')).toEqual([`${staff.head.email} Overdue`]);
    const escalations = (await h.auditOf(referred.id)).filter((event) => event.action === 'task.escalated');
    expect(escalations.map((event) => event.details?.notified)).toEqual([
      'role:duty-manager:county',
      'role:head-of-service:county',
    ]);
    // Nobody in the locality, who cannot complete a screen, was chased for it
    for (const person of [staff.hub, staff.senior, staff.manager]) {
      expect(await h.emailsTo(person.email), person.role).toEqual([]);
    }
    expectNoPersonalData(await h.emails(), h.tokensSeen);
    // The duty manager told of it completes it, and the journey moves on to the hub
    await h.complete(task, h.staffActor(staff.dutyManager), screen.proceed());
    expect((await h.caseOf(referred.id)).status).toBe('HUB_DECISION');
  });
});
