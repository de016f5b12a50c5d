import { describe, expect, it } from 'vitest';
import type { FormValues } from '../../../shared/pages/forms';
import { checkTaskForm } from '../../../shared/pages/task-forms/check';
import { taskOutcomeSchemas } from '../../../shared/core/schemas/outcomes';
import type { TaskType } from '../../../shared/core/config/task-types.generated';
import { FAMILY_STAR_AREAS } from '../../../shared/core/vocabulary/family-star';

// Each task form turns a posted form into the outcome the API accepts, and the API schema's errors
// back into the form's fields.

function star(score: string, prefix = 'familyStar'): FormValues {
  return Object.fromEntries(FAMILY_STAR_AREAS.map((area) => [`${prefix}.${area.id}`, score]));
}

const date = (name: string, day: string, month: string, year: string): FormValues => ({
  [`${name}-day`]: day,
  [`${name}-month`]: month,
  [`${name}-year`]: year,
});

const VALID: Record<TaskType, FormValues> = {
  'safeguarding-screen': { decision: 'proceed', reason: ' No immediate risk. ', notes: '' },
  'hub-decision': {
    decision: 'family-support',
    supportLevel: 'enhanced',
    service: 'left over',
    reason: 'Needs help',
  },
  allocation: { workerId: 'fsw-charnwood', reason: '' },
  consent: {
    decision: 'given',
    ...date('givenOn', '3', '9', '2026'),
    givenBy: 'Alex',
    relationship: 'parent',
  },
  assessment: {
    ...date('completedOn', '1', '10', '2026'),
    needs: ['housing', 'mental-health'],
    ...star('4'),
    'plan.summary': 'Work on housing first.',
    goalCount: '3',
    'plan.goals.0.need': 'housing',
    'plan.goals.0.goal': 'Secure tenancy',
    'plan.goals.0.actions': 'Meet the housing officer',
    'plan.goals.2.need': 'mental-health',
    'plan.goals.2.goal': 'See the GP',
    'plan.goals.2.actions': 'Book an appointment',
    ...date('plan.goals.2.byDate', '30', '11', '2026'),
  },
  review: {
    ...date('heldOn', '2', '1', '2027'),
    ...star('6'),
    progress: 'Better routines',
    decision: 'continue',
  },
  closure: {
    reason: 'plan-completed',
    needsResolved: ['housing'],
    summary: 'All goals met.',
  },
  'quarterly-report': { commentary: 'A steady quarter.', improvementOptions: ['peer-support'] },
  'annual-report': { commentary: 'A good year.' },
  'annual-conversation': {
    ...date('heldOn', '20', '11', '2026'),
    attendees: 'Head of service\r\nManager\r\n',
    notes: 'Discussed.',
  },
  'plan-action': { note: ' Booked the appointment. ' },
  'claim-audit': { failed: 'SLF-2026-00042: no attendance data\r\n', notes: 'Checked.' },
  'claim-sign-off': { approved: 'yes', commentary: 'Approved.' },
};

describe('task forms', () => {
  for (const [type, values] of Object.entries(VALID) as [TaskType, FormValues][]) {
    it(`turns a completed ${type} form into an outcome the API schema accepts`, () => {
      // Act
      const checked = checkTaskForm(type, values);
      // Assess
      expect(checked.ok, JSON.stringify(checked)).toBe(true);
      if (checked.ok) expect(taskOutcomeSchemas[type].safeParse(checked.outcome).success).toBe(true);
    });
  }

  it('leaves out the fields of the decisions not taken (the schemas are strict)', () => {
    // Act
    const checked = checkTaskForm('hub-decision', VALID['hub-decision']);
    // Assess
    expect(checked.ok && checked.outcome).toMatchObject({
      decision: 'family-support',
      supportLevel: 'enhanced',
    });
    expect(checked.ok && (checked.outcome as Record<string, unknown>).service).toBeUndefined();
  });

  it('drops blank goal rows and keeps the goals in order', () => {
    // Act
    const checked = checkTaskForm('assessment', VALID.assessment);
    // Assess
    const plan = (checked.ok ? checked.outcome : {}) as {
      plan: { goals: { goal: string; byDate?: string }[] };
    };
    expect(plan.plan.goals.map((goal) => goal.goal)).toEqual(['Secure tenancy', 'See the GP']);
    expect(plan.plan.goals[1]!.byDate).toBe('2026-11-30');
  });

  it('links each error to the field on the page, in the order of the page', () => {
    // Prepare: a row kept after a blank one, whose need was not assessed
    const values = {
      ...VALID.assessment,
      'plan.goals.2.need': 'crime',
      'familyStar.well-being': '11',
      needs: [],
    };
    // Act
    const checked = checkTaskForm('assessment', values);
    // Assess
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.summary).toEqual([
      { text: 'Select at least one need', href: '#needs' },
      {
        text: 'Enter a score from 1 to 10 for Your well-being as a whole number in range',
        href: '#familyStar-well-being',
      },
      { text: 'A plan goal must address one of the needs assessed', href: '#plan-goals-0-need' },
      { text: 'A plan goal must address one of the needs assessed', href: '#plan-goals-2-need' },
    ]);
  });

  it("puts a consent date error on the date field of the family's answer", () => {
    // Act
    const given = checkTaskForm('consent', { decision: 'given', ...date('givenOn', '31', '2', '2026') });
    const declined = checkTaskForm('consent', { decision: 'declined' });
    const none = checkTaskForm('consent', {});
    // Assess
    expect(given.ok || given.errors.summary[0]).toEqual({
      text: 'Enter the date consent was given as a real date',
      href: '#givenOn-day',
    });
    expect(declined.ok || declined.errors.summary.map((error) => error.href)).toEqual([
      '#declinedOn-day',
      '#declinedReason',
    ]);
    expect(none.ok || none.errors.summary).toEqual([
      { text: 'Select what the family said', href: '#decision' },
    ]);
  });

  it('words a missing score, a closure summary and an attendee list the GOV.UK way', () => {
    // Act
    const review = checkTaskForm('review', { ...VALID.review, 'familyStar.home-money': '' });
    const closure = checkTaskForm('closure', { reason: 'other' });
    const conversation = checkTaskForm('annual-conversation', { notes: 'x' });
    // Assess
    expect(review.ok || review.errors.byField['familyStar-home-money']).toBe(
      'Enter a score from 1 to 10 for Home and money',
    );
    expect(closure.ok || closure.errors.byField.summary).toBe('Enter a summary of the outcomes');
    expect(conversation.ok || conversation.errors.byField.attendees).toBe('Enter who attended');
    expect(conversation.ok || conversation.errors.summary[0]!.href).toBe('#heldOn-day');
  });
});

describe('the annual report form (seeds/002 §43)', () => {
  it('takes the interventions prevented and anonymised case studies, one a line', () => {
    const checked = checkTaskForm('annual-report', {
      commentary: 'A good year.',
      preventedEscalations: 'Three families kept out of care proceedings.',
      caseStudies:
        'Back to school: attendance from 40% to 95%.\r\nA home kept: arrears cleared, eviction stopped.\r\n',
    });
    expect(checked.ok && checked.outcome).toEqual({
      commentary: 'A good year.',
      preventedEscalations: 'Three families kept out of care proceedings.',
      caseStudies: [
        { title: 'Back to school', story: 'attendance from 40% to 95%.' },
        { title: 'A home kept', story: 'arrears cleared, eviction stopped.' },
      ],
    });
    const untitled = checkTaskForm('annual-report', { commentary: 'x', caseStudies: 'No story here' });
    expect(untitled.ok || untitled.errors.byField.caseStudies).toBeTruthy();
    expect(untitled.ok).toBe(false);
  });
});
