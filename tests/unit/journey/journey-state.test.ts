import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/core/schemas/errors';
import { baseState, parseJourneyState } from '../../../shared/domain/journey/state';

const caseId = '01KE6P4YM0JDNCMDW8570FS72A';

describe('journey state versions', () => {
  it('reads the first version, { schemaVersion: 1, caseId }, as a journey from the screen', () => {
    expect(parseJourneyState({ schemaVersion: 1, caseId })).toEqual({
      schemaVersion: 2,
      caseId,
      resumeAt: 'safeguarding-screen',
      generation: 1,
    });
  });

  it('reads the current version as it is, dropping fields it does not know', () => {
    const state = { schemaVersion: 2, caseId, resumeAt: 'review', generation: 3, step: 4, extra: 'x' };
    expect(parseJourneyState(state)).toEqual({
      schemaVersion: 2,
      caseId,
      resumeAt: 'review',
      generation: 3,
      step: 4,
    });
  });

  it('refuses an unknown version or a bad case id, naming the field', () => {
    expect(() => parseJourneyState({ schemaVersion: 9, caseId })).toThrow(ValidationError);
    expect(() =>
      parseJourneyState({ schemaVersion: 2, caseId: 'nope', resumeAt: 'review', generation: 1 }),
    ).toThrow(/caseId/);
  });

  it('moves the step count on and drops the fields of one step', () => {
    const next = baseState({
      schemaVersion: 2,
      caseId,
      resumeAt: 'consent',
      generation: 1,
      step: 7,
      taskId: caseId,
      route: 'wait',
    });
    expect(next).toEqual({ schemaVersion: 2, caseId, resumeAt: 'consent', generation: 1, step: 8 });
  });
});
