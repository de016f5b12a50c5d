import { describe, expect, it } from 'vitest';
import type { Case, Task } from '../../../shared/core/schemas';
import { firstWaitSeconds } from '../../../shared/domain/tasks/chase';
import { chaseSchedule, secondsUntil } from '../../../shared/domain/tasks/schedule';

// The first wait a fresh task's opener answers (the human task then skips its first chase): the time
// to the first chase point, or 0 whenever that first wake-up would do anything but wait.

// Thursday 17 April 2025, 09:30 UTC; the hub decision is due Monday 28 April (Easter in between).
const opened = '2025-04-17T09:30:00.000Z';
const hubTask = {
  id: '01JRZ0000000000000000000T1',
  type: 'hub-decision',
  status: 'OPEN',
  caseId: '01JRZ0000000000000000000C1',
  dueDate: '2025-04-28',
  createdAt: opened,
  remindersSent: 0,
  escalationLevel: 0,
} as Task;
const openCase = { id: hubTask.caseId, status: 'HUB_DECISION' } as Case;

describe('a fresh task’s first wait', () => {
  it('runs to the first reminder, which is what the first chase would have answered', () => {
    const firstReminder = chaseSchedule('hub-decision', '2025-04-28')[0]!;
    expect(firstReminder.kind).toBe('reminder');
    expect(firstWaitSeconds(hubTask, openCase, opened)).toBe(secondsUntil(firstReminder.at, opened));
    expect(firstWaitSeconds(hubTask, openCase, opened)).toBeGreaterThan(86_400);
  });

  it('is 0 (chase first) for a task no longer open or a case that has ended', () => {
    expect(firstWaitSeconds({ ...hubTask, status: 'COMPLETED' }, openCase, opened)).toBe(0);
    expect(firstWaitSeconds(hubTask, { ...openCase, status: 'NFA' }, opened)).toBe(0);
  });

  it('is 0 when a point is already due: a task opened after its due date is escalated at once', () => {
    const late = '2025-05-06T10:00:00.000Z';
    expect(firstWaitSeconds({ ...hubTask, createdAt: late }, openCase, late)).toBe(0);
  });
});
