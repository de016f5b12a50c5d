import { describe, expect, it } from 'vitest';
import {
  formatDueDate,
  referralOutcomeEmail,
  steppedUpNoticeEmail,
  taskEmail,
} from '../../../shared/adapters/email/templates';
import { TASK_TYPE_LABELS } from '../../../shared/domain/tasks/types';

const task = {
  taskId: '01JTASK0000000000000000000',
  taskName: TASK_TYPE_LABELS.consent,
  caseReference: 'SLF-2027-00042',
  dueDate: '2027-04-06',
};

describe('task emails', () => {
  it('names the task, the case reference, the due date and links to the task page', () => {
    const email = taskEmail('assigned', task, 'https://pages.example/');
    expect(email.subject).toBe('New task: Record consent: SLF-2027-00042');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('SLF-2027-00042');
      expect(body).toContain('Tuesday 6 April 2027');
      expect(body).toContain('https://pages.example/tasks/01JTASK0000000000000000000');
    }
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
  });

  it('says so when a task is escalated, timed out or no longer needed; a cancelled one has no link', () => {
    expect(taskEmail('escalated', task, 'https://p.example').subject).toMatch(/^Overdue: /);
    expect(taskEmail('reminder', task, 'https://p.example').text).toMatch(/^Reminder: /);
    expect(taskEmail('timed-out', task, 'https://p.example').subject).toMatch(/^Timed out: /);
    const cancelled = taskEmail('cancelled', task, 'https://p.example');
    expect(cancelled.text).toContain('no longer needed');
    expect(cancelled.text).not.toContain('/tasks/');
  });

  it('escapes what it puts into HTML', () => {
    const email = taskEmail('assigned', { ...task, taskId: '<x>&"' }, 'https://p.example');
    expect(email.html).not.toContain('<x>');
    expect(email.html).toContain('%3Cx%3E%26%22');
  });

  it('formats a date-only due date without shifting it a day', () => {
    expect(formatDueDate('2026-03-29')).toBe('Sunday 29 March 2026');
    expect(formatDueDate('2026-12-31')).toBe('Thursday 31 December 2026');
  });
});

describe('referrer and duty team emails', () => {
  it('tells the referrer the outcome with the case reference only', () => {
    const email = referralOutcomeEmail({ caseReference: 'SLF-2027-00042', outcome: 'redirected' });
    expect(email.subject).toBe('Referral SLF-2027-00042: outcome');
    expect(email.text).toContain('another early help service');
    expect(email.text).not.toMatch(/\/tasks\//);
  });

  it('tells the duty team of a step up with a link to the case by id', () => {
    const email = steppedUpNoticeEmail(
      { caseReference: 'SLF-2027-00042', caseId: '01JCASE' },
      'https://p.example',
    );
    expect(email.subject).toContain('SLF-2027-00042');
    expect(email.text).toContain('https://p.example/cases/01JCASE');
  });
});
