import { describe, expect, it } from 'vitest';
import { outOfHoursEmail, taskEmail } from '../../../shared/adapters/email';
import { urgentDue } from '../../../shared/domain/tasks/due-dates';
import { decideChase, urgentChaseSchedule } from '../../../shared/domain/tasks/schedule';

// An immediate safeguarding concern (seeds/000 §5.16) opens an urgent screen: due one working hour
// after it opens (09:00-17:00 London time on working days), escalated at its due time to the duty
// manager and a working hour later to the head of service, then chased every working hour; the
// out-of-hours team hears at once when the duty team cannot screen it within today's working hours.

const none = { remindersSent: 0, escalationLevel: 0 };

describe('an urgent screen is due', () => {
  it.each([
    // [opened, due, out of hours, why]
    ['2026-06-03T09:15:00Z', '2026-06-03T10:15:00.000Z', false, 'Wednesday 10:15 BST: 11:15, in hours'],
    ['2026-06-03T15:00:00Z', '2026-06-03T16:00:00.000Z', false, 'Wednesday 16:00: 17:00, the close'],
    ['2026-06-03T15:30:00Z', '2026-06-04T08:30:00.000Z', true, 'Wednesday 16:30: Thursday 09:30'],
    ['2026-06-03T21:00:00Z', '2026-06-04T09:00:00.000Z', true, 'Wednesday 22:00: Thursday 10:00'],
    ['2026-06-04T06:00:00Z', '2026-06-04T09:00:00.000Z', true, 'Thursday 07:00, before opening'],
    ['2026-06-06T11:00:00Z', '2026-06-08T09:00:00.000Z', true, 'Saturday noon: Monday 10:00'],
    ['2026-08-31T10:00:00Z', '2026-09-01T09:00:00.000Z', true, 'bank holiday Monday: Tuesday 10:00'],
  ])('opened %s: due %s, out of hours %s (%s)', (openedAt, dueAt, outOfHours) => {
    expect(urgentDue('safeguarding-screen', openedAt)).toEqual({
      dueAt,
      dueDate: dueAt.slice(0, 10),
      outOfHours,
    });
  });

  it('only for a type with an urgent timescale', () => {
    expect(() => urgentDue('consent', '2026-06-03T09:15:00Z')).toThrow(/urgent/);
  });
});

describe('an urgent screen is chased in working hours', () => {
  // Opened Wednesday 3 June 2026 at 10:15 BST, due 11:15.
  const screen = {
    type: 'safeguarding-screen' as const,
    dueDate: '2026-06-03',
    openedAt: '2026-06-03T09:15:00Z',
    urgentDueAt: '2026-06-03T10:15:00.000Z',
  };

  it('escalates at the due time, then a working hour later', () => {
    expect(urgentChaseSchedule('safeguarding-screen', screen.urgentDueAt)).toEqual([
      { kind: 'escalation', day: '2026-06-03', at: new Date('2026-06-03T10:15:00Z'), level: 1 },
      { kind: 'escalation', day: '2026-06-03', at: new Date('2026-06-03T11:15:00Z'), level: 2 },
    ]);
  });

  it('wakes first at the due time, with no reminder before it', () => {
    const decision = decideChase({ ...screen, now: screen.openedAt }, none);
    expect(decision).toMatchObject({ remind: false, timeOut: false });
    expect(decision.escalateTo).toBeUndefined();
    expect(decision.nextAt).toEqual(new Date('2026-06-03T10:15:00Z'));
  });

  it('escalates to level 1 at the due time and level 2 an hour later', () => {
    const first = decideChase({ ...screen, now: '2026-06-03T10:15:00Z' }, none);
    expect(first).toMatchObject({ escalateTo: 1, remind: false });
    expect(first.nextAt).toEqual(new Date('2026-06-03T11:15:00Z'));
    const second = decideChase({ ...screen, now: '2026-06-03T11:15:00Z' }, first.progress);
    expect(second).toMatchObject({ escalateTo: 2, remind: false });
    expect(second.nextAt).toEqual(new Date('2026-06-03T12:15:00Z'));
  });

  it('reminds the duty team every working hour after the last escalation, across the evening', () => {
    const done = { remindersSent: 0, escalationLevel: 2 };
    const hourly = decideChase({ ...screen, now: '2026-06-03T12:15:00Z' }, done);
    expect(hourly).toMatchObject({ remind: true, progress: { remindersSent: 1, escalationLevel: 2 } });
    // 16:15 BST, the fourth: the next working hour runs to 09:15 on Thursday
    const late = decideChase(
      { ...screen, now: '2026-06-03T15:15:00Z' },
      { remindersSent: 3, escalationLevel: 2 },
    );
    expect(late).toMatchObject({ remind: true, progress: { remindersSent: 4 } });
    expect(late.nextAt).toEqual(new Date('2026-06-04T08:15:00Z'));
  });

  it('escalates out of hours screens from the next working morning, not at night', () => {
    // Saturday noon: due Monday 10:00 BST, the duty manager at 10:00, the head of service at 11:00
    const weekend = urgentDue('safeguarding-screen', '2026-06-06T11:00:00Z');
    expect(urgentChaseSchedule('safeguarding-screen', weekend.dueAt).map((point) => point.at)).toEqual([
      new Date('2026-06-08T09:00:00Z'),
      new Date('2026-06-08T10:00:00Z'),
    ]);
  });
});

describe('urgent emails', () => {
  const base = 'https://pages.sfw.example';
  const data = {
    taskId: '01JD0000000000000000000000',
    taskName: 'Safeguarding screen',
    caseReference: 'SLF-2026-00042',
    dueDate: '2026-06-03',
  };

  it('start the subject with URGENT and give the due time in London', () => {
    const email = taskEmail('assigned', { ...data, urgent: { dueAt: '2026-06-03T10:15:00.000Z' } }, base);
    expect(email.subject).toBe('URGENT New task: Safeguarding screen: SLF-2026-00042');
    expect(email.text).toContain('immediate safeguarding concern');
    expect(email.text).toContain('Due by 11:15 on Wednesday 3 June 2026.');
    expect(
      taskEmail('escalated', { ...data, urgent: { dueAt: '2026-06-03T10:15:00.000Z' } }, base).subject,
    ).toBe('URGENT Overdue: Safeguarding screen: SLF-2026-00042');
    expect(taskEmail('assigned', data, base).subject).toBe('New task: Safeguarding screen: SLF-2026-00042');
  });

  it('tell the out-of-hours team the reference, the due time and the link, nothing else', () => {
    const email = outOfHoursEmail(
      { ...data, dueAt: '2026-06-08T09:00:00.000Z', team: 'Emergency Duty Team' },
      base,
    );
    expect(email.subject).toBe('URGENT out of hours: Safeguarding screen: SLF-2026-00042');
    expect(email.text).toContain('For the Emergency Duty Team');
    expect(email.text).toContain('due by 10:00 on Monday 8 June 2026');
    expect(email.text).toContain(`${base}/tasks/${data.taskId}`);
  });
});
