import { describe, expect, it } from 'vitest';
import { londonTime } from '../../../shared/core/calendar';
import { chaseSchedule, decideChase, secondsUntil } from '../../../shared/domain/tasks/schedule';
import { taskDueDate } from '../../../shared/domain/tasks/due-dates';

const none = { remindersSent: 0, escalationLevel: 0 };
const at9 = (day: string) => londonTime(day, '09:00');

describe('task due dates', () => {
  it('counts the screen as the next working day, skipping the early May bank holiday', () => {
    // Friday 2 May 2025, late afternoon; Monday 5 May is a bank holiday.
    expect(taskDueDate('safeguarding-screen', { openedAt: '2025-05-02T15:00:00Z' })).toBe('2025-05-06');
  });

  it('gives the hub five working days across Easter', () => {
    // Thursday 17 April 2025: Good Friday 18th and Easter Monday 21st do not count.
    expect(taskDueDate('hub-decision', { openedAt: '2025-04-17T09:30:00Z' })).toBe('2025-04-28');
  });

  it('takes the London day, not the UTC day, of the opening instant', () => {
    // 23:30 UTC on Sunday 29 June 2025 is already Monday 30 June in London (BST).
    expect(taskDueDate('safeguarding-screen', { openedAt: '2025-06-29T23:30:00Z' })).toBe('2025-07-01');
  });

  it('counts consent from opening and the assessment from allocation', () => {
    expect(taskDueDate('consent', { openedAt: '2025-12-15T10:00:00Z' })).toBe('2025-12-31');
    expect(
      taskDueDate('assessment', { openedAt: '2026-01-20T10:00:00Z', allocatedAt: '2025-12-15T10:00:00Z' }),
    ).toBe('2026-02-19');
  });

  it('refuses an assessment without its allocation time and a review without its date', () => {
    expect(() => taskDueDate('assessment', { openedAt: '2026-01-20T10:00:00Z' })).toThrow(/allocatedAt/);
    expect(() => taskDueDate('review', { openedAt: '2026-01-20T10:00:00Z' })).toThrow(/reviewDue/);
  });
});

describe('chase schedule', () => {
  it('puts reminders and escalations on working days at 09:00 London time across Easter', () => {
    const points = chaseSchedule('hub-decision', '2025-04-28');
    expect(points.map((point) => [point.kind, point.day, point.level ?? null])).toEqual([
      ['reminder', '2025-04-24', null],
      ['reminder', '2025-04-28', null],
      ['escalation', '2025-04-29', 1],
      ['escalation', '2025-05-01', 2],
    ]);
    // 09:00 BST is 08:00 UTC.
    expect(points[0]!.at.toISOString()).toBe('2025-04-24T08:00:00.000Z');
  });

  it('ends consent with a timeout after its escalations, over Christmas and New Year', () => {
    const points = chaseSchedule('consent', '2025-12-31');
    expect(points.map((point) => `${point.kind}:${point.day}`)).toEqual([
      'reminder:2025-12-29',
      'reminder:2025-12-31',
      'escalation:2026-01-02',
      'escalation:2026-01-06',
      'timeout:2026-01-08',
    ]);
    expect(points[0]!.at.toISOString()).toBe('2025-12-29T09:00:00.000Z');
  });
});

describe('deciding what a wake-up does', () => {
  const hub = { type: 'hub-decision' as const, dueDate: '2025-04-28', openedAt: '2025-04-17T09:30:00Z' };

  it('does nothing at opening and sleeps until the first reminder', () => {
    const decision = decideChase({ ...hub, now: hub.openedAt }, none);
    expect(decision).toMatchObject({ remind: false, timeOut: false, progress: none });
    expect(decision.escalateTo).toBeUndefined();
    expect(decision.nextAt).toEqual(at9('2025-04-24'));
    // 09:30 UTC on the 17th to 08:00 UTC (09:00 BST) on the 24th.
    expect(secondsUntil(decision.nextAt!, hub.openedAt)).toBe(7 * 86_400 - 5400);
  });

  it('reminds once when the reminder falls due, then sleeps until the due day', () => {
    const decision = decideChase({ ...hub, now: at9('2025-04-24') }, none);
    expect(decision).toMatchObject({ remind: true, progress: { remindersSent: 1, escalationLevel: 0 } });
    expect(decision.nextAt).toEqual(at9('2025-04-28'));
  });

  it('does not repeat a reminder already sent when woken again early', () => {
    const decision = decideChase(
      { ...hub, now: '2025-04-25T12:00:00Z' },
      { remindersSent: 1, escalationLevel: 0 },
    );
    expect(decision.remind).toBe(false);
    expect(decision.nextAt).toEqual(at9('2025-04-28'));
  });

  it('escalates to the senior the working day after the due date', () => {
    const decision = decideChase(
      { ...hub, now: at9('2025-04-29') },
      { remindersSent: 2, escalationLevel: 0 },
    );
    expect(decision).toMatchObject({ remind: false, escalateTo: 1, progress: { escalationLevel: 1 } });
    expect(decision.nextAt).toEqual(at9('2025-05-01'));
  });

  it('folds missed points into one: woken late, it escalates straight to the second level', () => {
    const decision = decideChase({ ...hub, now: '2025-05-01T12:00:00Z' }, none);
    expect(decision).toMatchObject({
      remind: true,
      escalateTo: 2,
      progress: { remindersSent: 2, escalationLevel: 2 },
    });
  });

  it('keeps chasing a task without a timeout every five working days after the last escalation', () => {
    // Last escalation Thursday 1 May; Monday 5 May is a bank holiday, so the first repeat is Friday 9 May.
    const done = { remindersSent: 2, escalationLevel: 2 };
    const first = decideChase({ ...hub, now: at9('2025-05-01') }, done);
    expect(first.nextAt).toEqual(at9('2025-05-09'));
    const repeat = decideChase({ ...hub, now: at9('2025-05-09') }, done);
    expect(repeat).toMatchObject({ remind: true, timeOut: false, progress: { remindersSent: 3 } });
    expect(repeat.nextAt).toEqual(at9('2025-05-16'));
  });

  it('stops reminding about an allocation after its last escalation: the case waits for a place', () => {
    // Same points as the hub decision; the second escalation is Thursday 1 May.
    const allocation = { ...hub, type: 'allocation' as const };
    const last = decideChase(
      { ...allocation, now: at9('2025-05-01') },
      { remindersSent: 2, escalationLevel: 1 },
    );
    expect(last).toMatchObject({ escalateTo: 2, timeOut: false });
    expect(last.nextAt).toBeUndefined();
    const later = decideChase(
      { ...allocation, now: at9('2025-06-02') },
      { remindersSent: 2, escalationLevel: 2 },
    );
    expect(later).toMatchObject({ remind: false, timeOut: false, progress: { remindersSent: 2 } });
    expect(later.escalateTo).toBeUndefined();
  });

  it('times consent out on its last point and wakes no more', () => {
    const consent = { type: 'consent' as const, dueDate: '2025-12-31', openedAt: '2025-12-15T10:00:00Z' };
    const decision = decideChase(
      { ...consent, now: at9('2026-01-08') },
      { remindersSent: 2, escalationLevel: 2 },
    );
    expect(decision.timeOut).toBe(true);
    expect(decision.remind).toBe(false);
    expect(decision.nextAt).toBeUndefined();
  });

  it('sends no reminder for a day that passed before the task opened', () => {
    // An assessment opened two days before it is due: the 5-working-days-before reminder is history.
    const assessment = {
      type: 'assessment' as const,
      dueDate: '2026-02-19',
      openedAt: '2026-02-17T10:00:00Z',
    };
    const decision = decideChase({ ...assessment, now: assessment.openedAt }, none);
    expect(decision.remind).toBe(false);
    expect(decision.nextAt).toEqual(at9('2026-02-19'));
  });
});
