import { describe, expect, it } from 'vitest';
import {
  canonicalGivenName,
  familyNameForms,
  foldText,
  matchMaterialOf,
  REFERRAL_MATCH_KINDS,
  searchMaterialOf,
  strengthOf,
  unorderedDate,
} from '../../../shared/core/matching';
import { matchKey } from '../../../shared/adapters/data/keys';
import { endedWithinWindow } from '../../../shared/domain/matching/re-referral';
import type { Referral } from '../../../shared/core/schemas/referral';

// The family-match rules (seeds/003: a single view of the family): which differences in how a family
// is written still find the earlier record, and that the stored keys hold nothing personal.

type Member = Referral['family']['members'][number];

function family(members: Partial<Member>[], address = { line1: '1 Example Street', postcode: 'LE11 3AB' }) {
  return {
    family: {
      members: members.map((member) => ({
        givenName: 'Jo',
        familyName: 'Example',
        dateOfBirth: '2015-02-08',
        relationship: 'child' as const,
        ...member,
      })),
      address: { town: 'Loughborough', ...address },
    },
  } as Pick<Referral, 'family'>;
}

/** The kinds two referrals share that flag a referral (what a match between them would say). */
function shared(a: Pick<Referral, 'family'>, b: Pick<Referral, 'family'>) {
  const keys = new Set(matchMaterialOf(b).map((entry) => entry.material));
  return [
    ...new Set(
      matchMaterialOf(a)
        .filter((entry) => keys.has(entry.material) && REFERRAL_MATCH_KINDS.includes(entry.kind))
        .map((e) => e.kind),
    ),
  ].sort();
}

describe('family-match rules', () => {
  it('folds case, diacritics, spaces, hyphens and apostrophes', () => {
    expect(foldText('  Zoë ')).toBe('zoe');
    expect(foldText("O'Néill")).toBe('oneill');
    expect(foldText('Smith-Jones')).toBe(foldText('smith jones'));
  });

  it('reads nicknames as the full name, and the first part of a double given name', () => {
    expect(canonicalGivenName('Bill')).toBe('william');
    expect(canonicalGivenName('billy')).toBe(canonicalGivenName('William'));
    expect(canonicalGivenName('Lizzie')).toBe(canonicalGivenName('Elizabeth'));
    expect(canonicalGivenName('Mary-Jane')).toBe('mary');
    expect(canonicalGivenName('Sam')).toBe(canonicalGivenName('Samantha'));
  });

  it('gives a double-barrelled family name as a whole and as each part', () => {
    expect(familyNameForms('Smith-Jones')).toEqual(['smithjones', 'smith', 'jones']);
    expect(familyNameForms('Smith')).toEqual(['smith']);
  });

  it('puts day and month in one order, so a swapped date of birth agrees', () => {
    expect(unorderedDate('2019-03-07')).toBe(unorderedDate('2019-07-03'));
    expect(unorderedDate('2019-03-07')).not.toBe(unorderedDate('2018-03-07'));
  });

  it('matches the same child exactly (strong), whatever the case and spacing', () => {
    const kinds = shared(family([{}]), family([{ givenName: ' JO ', familyName: 'example' }]));
    expect(kinds).toContain('person');
    expect(strengthOf(kinds)).toBe('strong');
  });

  it('matches a nickname, a hyphenated name given in part, a swapped date, as possible matches', () => {
    const first = family([{ givenName: 'William', familyName: 'Smith-Jones', dateOfBirth: '2015-02-08' }]);
    const again = family([{ givenName: 'Billy', familyName: 'Jones', dateOfBirth: '2015-08-02' }], {
      line1: '9 Other Road',
      postcode: 'LE1 1AA',
    });
    const kinds = shared(first, again);
    expect(kinds).toEqual(['person-variant', 'surname-dob']);
    expect(strengthOf(kinds)).toBe('possible');
  });

  it('matches a misspelt given name by family name and date of birth, and a family by name and postcode', () => {
    const moved = { line1: '2 New Road', postcode: 'le113ab' };
    expect(shared(family([{ givenName: 'Jhon' }]), family([{ givenName: 'John' }], moved))).toEqual([
      'surname-dob',
      'surname-postcode',
    ]);
  });

  it('matches the address, and nothing for a different family elsewhere', () => {
    expect(
      shared(family([{}]), family([{ givenName: 'Kim', familyName: 'Other', dateOfBirth: '2012-01-01' }])),
    ).toEqual(['address']);
    expect(
      shared(
        family([{}]),
        family([{ givenName: 'Kim', familyName: 'Other', dateOfBirth: '2012-01-01' }], {
          line1: '5 Far Lane',
          postcode: 'LE65 1AA',
        }),
      ),
    ).toEqual([]);
  });

  it('looks up the most specific keys a search allows, and none for too little', () => {
    expect(searchMaterialOf({ givenName: 'Jo' })).toEqual([]);
    expect(searchMaterialOf({ dateOfBirth: '2015-02-08' })).toEqual([]);
    expect(searchMaterialOf({ givenName: 'Jo', familyName: 'Example' }).map((e) => e.kind)).toEqual(['name']);
    expect(searchMaterialOf({ postcode: 'le11 3ab' }).map((e) => e.kind)).toEqual(['postcode']);
    expect(searchMaterialOf({ familyName: 'Example', postcode: 'LE113AB' }).map((e) => e.kind)).toEqual([
      'surname-postcode',
    ]);
    const person = searchMaterialOf({ givenName: 'Jo', familyName: 'Example', dateOfBirth: '2015-02-08' });
    expect(new Set(person.map((e) => e.kind))).toEqual(new Set(['person', 'person-variant', 'surname-dob']));
    // A search finds what a referral was indexed under
    const indexed = new Set(matchMaterialOf(family([{}])).map((e) => e.material));
    for (const entry of person) expect(indexed.has(entry.material)).toBe(true);
  });

  it('stores a keyed hash: no name, date or postcode in the key, and another secret gives another key', () => {
    const material = matchMaterialOf(family([{}]))[0]!.material;
    const key = matchKey(material);
    expect(key).toMatch(/^MATCH#[0-9a-f]{40}$/);
    expect(key).not.toMatch(/jo|example|2015|le11/i);
    const before = process.env.MATCH_KEY;
    try {
      process.env.MATCH_KEY = 'another-secret';
      expect(matchKey(material)).not.toBe(key);
    } finally {
      if (before === undefined) delete process.env.MATCH_KEY;
      else process.env.MATCH_KEY = before;
    }
  });
});

describe('re-referral window', () => {
  it('counts an earlier record that ended in the twelve months before the referral, in London dates', () => {
    const received = '2027-03-15T10:00:00.000Z';
    expect(endedWithinWindow('2026-03-15T09:00:00.000Z', received)).toBe(true);
    expect(endedWithinWindow('2026-03-14T12:00:00.000Z', received)).toBe(false);
    expect(endedWithinWindow('2027-03-15T09:00:00.000Z', received)).toBe(true);
    expect(endedWithinWindow(undefined, received)).toBe(false);
    // 23:30 UTC on 14 March 2026 is still the 14th in London (GMT): outside
    expect(endedWithinWindow('2026-03-14T23:30:00.000Z', received)).toBe(false);
  });
});
