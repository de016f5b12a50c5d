import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/core/config';
import framework from '../../../shared/core/config/outcome-framework.json';
import {
  headlineAreasOf,
  headlineOf,
  outcomeFramework,
  sustainMonthsFor,
} from '../../../shared/core/config/outcome-framework';
import { loadOutcomeFramework } from '../../../shared/core/config/outcome-framework-schema';
import { HEADLINE_IDS, NEED_IDS } from '../../../shared/core/vocabulary/needs';

function raw() {
  return structuredClone(framework) as typeof framework & Record<string, unknown>;
}

function issuesOf(data: unknown): string {
  try {
    loadOutcomeFramework(data);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the framework loaded');
}

describe('the outcome framework (Supporting Families 2022-25, chapters 3 and 5)', () => {
  it('maps every need the product records to exactly one headline outcome', () => {
    const loaded = outcomeFramework();
    for (const need of NEED_IDS) expect(HEADLINE_IDS).toContain(headlineOf(need, loaded));
    expect(Object.keys(loaded.needs).sort()).toEqual([...NEED_IDS].sort());
  });

  it('reaches all ten headline outcomes from recorded needs', () => {
    expect(HEADLINE_IDS).toHaveLength(10);
    expect(headlineAreasOf(NEED_IDS)).toEqual([...HEADLINE_IDS].sort());
    expect(headlineOf('early-years-development')).toBe('early-years');
    expect(headlineOf('child-safety')).toBe('children-safe');
  });

  it('carries a version, the claim terms and six months after closure by default', () => {
    const loaded = outcomeFramework();
    expect(loaded.version).toMatch(/^2022-25\.\d+$/);
    expect(loaded.claimTerms).toMatchObject({ minimumNeeds: 3, sustainMonthsAfterClosure: 6 });
    expect(sustainMonthsFor('housing')).toBe(6);
  });

  it('lets a headline set its own sustain period', () => {
    const data = raw();
    const housing = data.headlines.find((headline) => headline.id === 'secure-housing')!;
    Object.assign(housing, { sustainMonthsAfterClosure: 9 });
    const loaded = loadOutcomeFramework(data);
    expect(sustainMonthsFor('housing', loaded)).toBe(9);
    expect(sustainMonthsFor('crime', loaded)).toBe(6);
  });

  it('rejects a need left unmapped, naming it', () => {
    const data = raw();
    delete (data.needs as Record<string, string>).housing;
    expect(issuesOf(data)).toContain('needs.housing: need housing maps to no headline outcome');
  });

  it('rejects a headline no need reaches, an unknown need and an unknown headline', () => {
    const data = raw();
    (data.needs as Record<string, string>)['child-safety'] = 'family-relationships';
    (data.needs as Record<string, string>).gambling = 'financial-stability';
    (data.needs as Record<string, string>).crime = 'parking';
    const message = issuesOf(data);
    expect(message).toContain('headline children-safe is reached by no need');
    expect(message).toContain('needs.gambling: gambling is not a need the product records');
    expect(message).toContain('needs.crime: parking is not a headline outcome');
  });

  it('rejects a missing headline, a bad version and a sample share above 1', () => {
    const data = raw();
    data.headlines = data.headlines.filter((headline) => headline.id !== 'crime');
    data.version = 'latest';
    data.claimTerms.auditSampleShare = 1.5;
    const message = issuesOf(data);
    expect(message).toContain('headline crime is missing');
    expect(message).toContain('version: a programme period and a revision');
    expect(message).toContain('claimTerms.auditSampleShare');
  });
});
