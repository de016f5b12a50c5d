import { describe, expect, it } from 'vitest';
import framework from '../../../shared/core/config/outcome-framework.json';
import { loadOutcomeFramework } from '../../../shared/core/config/outcome-framework-schema';
import type { OutcomeEvidence } from '../../../shared/core/schemas/claims';
import { claimEligibility, type EligibilityFacts } from '../../../shared/domain/claims/eligibility';
import { familyStar } from '../../support/fixtures';
import type { NeedId } from '../../../shared/core/vocabulary/needs';

const CASE_ID = '01KB3ZQ7M2X8F5N6P9R0S1T2V3';
const NEEDS: NeedId[] = ['missing-education', 'housing', 'crime'];

function outcome(need: NeedId, positive = true): OutcomeEvidence {
  return {
    caseId: CASE_ID,
    need,
    headline: 'crime',
    positive,
    achieved: 'Evidence',
    source: { kind: 'practitioner' },
    achievedOn: '2026-02-01',
    version: 1,
    recordedBy: 'fsw-blaby',
    recordedAt: '2026-02-01T10:00:00.000Z',
    frameworkVersion: '2022-25.1',
  };
}

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    record: {
      id: CASE_ID,
      status: 'CLOSED',
      needs: NEEDS,
      keyWorkerId: 'fsw-blaby',
      assessment: {
        completedOn: '2026-01-10',
        dueDate: '2026-02-10',
        onTime: true,
        needs: NEEDS,
        familyStar: familyStar(),
      },
      closure: { on: '2026-03-01', reason: 'needs-met' },
    },
    hasPlan: true,
    outcomes: NEEDS.map((need) => outcome(need)),
    reReferred: false,
    claimed: false,
    ...overrides,
  };
}

const rules = (answer: ReturnType<typeof claimEligibility>) => answer.missing.map((item) => item.rule);

describe('claim eligibility (Supporting Families 2022-25, chapter 5)', () => {
  it('is claimable once every need has held its positive outcome six months after closure', () => {
    expect(claimEligibility(facts(), '2026-09-01')).toMatchObject({
      claimable: true,
      sustainedFrom: '2026-09-01',
    });
    const early = claimEligibility(facts(), '2026-08-31');
    expect(early.claimable).toBe(false);
    expect(rules(early)).toEqual(['sustained']);
  });

  it('names every unmet term', () => {
    const answer = claimEligibility(
      facts({
        record: { ...facts().record, status: 'SUPPORT', keyWorkerId: undefined, closure: undefined },
        hasPlan: false,
        outcomes: [outcome('housing', false)],
        reReferred: true,
        claimed: true,
      }),
      '2027-01-01',
    );
    expect(rules(answer)).toEqual([
      'lead-practitioner',
      'whole-family-plan',
      'positive-outcome',
      'positive-outcome',
      'positive-outcome',
      'closed',
      'not-re-referred',
      'not-claimed',
    ]);
    expect(
      answer.missing.filter((item) => item.rule === 'positive-outcome').map((item) => item.need),
    ).toEqual(NEEDS);
  });

  it('counts needs by headline area: three needs under two headlines are not enough', () => {
    const needs: NeedId[] = ['benefit-reliance', 'worklessness', 'housing'];
    const record = { ...facts().record, needs, assessment: { ...facts().record.assessment!, needs } };
    const answer = claimEligibility(
      facts({ record, outcomes: needs.map((need) => outcome(need)) }),
      '2027-01-01',
    );
    expect(answer.missing).toEqual([
      { rule: 'three-needs', message: 'needs in 2 headline outcome areas; a claim needs 3' },
    ]);
  });

  it('waits for the longest sustain period a headline of the family sets', () => {
    const data = structuredClone(framework);
    Object.assign(data.headlines.find((headline) => headline.id === 'secure-housing')!, {
      sustainMonthsAfterClosure: 12,
    });
    const answer = claimEligibility(facts(), '2026-12-01', loadOutcomeFramework(data));
    expect(answer).toMatchObject({ claimable: false, sustainedFrom: '2027-03-01' });
  });
});
