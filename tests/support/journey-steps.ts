import { expect } from 'vitest';
import type { Case } from '../../shared/core/schemas';
import type { JourneyHarness, StaffSet } from './journey-harness';
import { assessment, consent, hub, screen } from './journey-outcomes';

// Moves a referral along the journey as staff would, for tests whose interest lies further on.

/** Referred, screened and given family support by the hub: allocated (at consent) or on the waiting list. */
export async function toAllocation(
  h: JourneyHarness,
  staff: Pick<StaffSet, 'duty' | 'hub'>,
  level: 'standard' | 'enhanced' = 'standard',
): Promise<Case> {
  const referred = await h.refer({ locality: staff.hub.area });
  await h.complete(
    await h.openTask(referred.id, 'safeguarding-screen'),
    h.staffActor(staff.duty),
    screen.proceed(),
  );
  await h.complete(
    await h.openTask(referred.id, 'hub-decision'),
    h.staffActor(staff.hub),
    hub.familySupport(level),
  );
  return h.caseOf(referred.id);
}

export function toConsent(
  h: JourneyHarness,
  staff: StaffSet,
  level: 'standard' | 'enhanced' = 'standard',
): Promise<Case> {
  return toAllocation(h, staff, level);
}

export async function toAssessment(
  h: JourneyHarness,
  staff: StaffSet,
  level: 'standard' | 'enhanced' = 'standard',
) {
  const atConsent = await toConsent(h, staff, level);
  expect(atConsent.status).toBe('CONSENT');
  const worker = staff.workers.find((candidate) => candidate.id === atConsent.keyWorkerId)!;
  const today = h.now().toISOString().slice(0, 10);
  await h.complete(await h.openTask(atConsent.id, 'consent'), h.staffActor(worker), consent.given(today));
  return { record: await h.caseOf(atConsent.id), worker };
}

export async function toSupport(
  h: JourneyHarness,
  staff: StaffSet,
  level: 'standard' | 'enhanced' = 'standard',
) {
  const { record, worker } = await toAssessment(h, staff, level);
  const today = h.now().toISOString().slice(0, 10);
  await h.complete(await h.openTask(record.id, 'assessment'), h.staffActor(worker), assessment(today));
  return { record: await h.caseOf(record.id), worker };
}

/** Every email's text and HTML holds none of the family's details and no task token. */
export function expectNoPersonalData(
  emails: { subject: string; body: { text?: string; html?: string } }[],
  tokens: readonly string[],
) {
  const forbidden = [
    'Alex',
    'Example Street',
    'Test Road',
    'Loughborough',
    'LE11',
    'Child',
    '2015-02-28',
    '1990-05-01',
  ];
  for (const email of emails) {
    const all = `${email.subject}\n${email.body.text ?? ''}\n${email.body.html ?? ''}`;
    for (const word of [...forbidden, ...tokens]) expect(all).not.toContain(word);
  }
}
