import { describe, expect, it } from 'vitest';
import { stateLabel, timelineOf } from '../../../shared/pages/timeline';
import type { AuditEvent } from '../../../shared/core/schemas/audit';

const event = (id: string, at: string, action: string, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  id,
  subject: 'case#01M83T4CM0MKXBTCZB3TC2ZX7D',
  at,
  actor: { type: 'system', id: 'journey' },
  action,
  ...extra,
});

describe('the case timeline', () => {
  it('reads newest first, the referral always last, events of one instant by id', () => {
    // Prepare: ids from two processes in the same millisecond, times with and without milliseconds
    const events = [
      event('01M83T4CM0ZZZZZZZZZZZZZZZZ', '2026-11-23T09:00:00.000Z', 'case.created'),
      event('01M83T4CM0AAAAAAAAAAAAAAA1', '2026-11-23T09:00:00Z', 'case.status-changed', {
        fromStatus: 'RECEIVED',
        toStatus: 'SCREENING',
      }),
      event('01M83T4CM0AAAAAAAAAAAAAAA2', '2026-11-23T09:00:00.000Z', 'task.created', {
        details: { type: 'safeguarding-screen' },
      }),
      event('01M83T4CM0AAAAAAAAAAAAAAA3', '2026-11-24T10:00:00.000Z', 'task.completed', {
        actor: { type: 'staff', id: 'duty', role: 'duty-social-worker' },
        details: { type: 'safeguarding-screen' },
      }),
    ];
    // Act
    const timeline = timelineOf(events);
    // Assess
    expect(timeline.map((entry) => entry.title)).toEqual([
      'Safeguarding screen completed',
      'Safeguarding screen opened',
      'Safeguarding screen',
      'Referral received',
    ]);
    expect(timeline[0]!.detail).toBe('By duty (Duty social worker)');
    expect(timeline[2]!.detail).toBe('Moved from Received by the system');
  });
});

describe('stateLabel', () => {
  it('reads a workflow state name as words', () => {
    expect(stateLabel('WaitForHubDecision')).toBe('Wait for hub decision');
    expect(stateLabel('Resume')).toBe('Resume');
    expect(stateLabel('Review12Weeks')).toBe('Review12 weeks');
  });
});
