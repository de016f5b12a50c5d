import type { FamilyMember, Referral } from './schemas/referral';

// One family, one record (seeds/003: "a single view of the family"): the rules that say when two
// records may be the same family. Each rule turns a referral into match keys' material (kind + the
// normalised parts); the data adapter stores only a keyed hash of each (shared/adapters/data/keys.ts
// `matchKey`), so the index holds nothing personal. Two records match when they share a key; what the
// shared kinds say about the match is its strength. Pure, so the fuzzy rules are unit-tested alone.

/**
 * - `person`: the same given name, family name and date of birth (after normalising case, spacing,
 *   diacritics and punctuation): the same person.
 * - `person-variant`: the same person allowing a nickname (Bill/William), a double-barrelled family
 *   name given as one of its parts (Smith-Jones/Smith) and a date of birth with day and month swapped.
 * - `surname-dob`: the same family name and date of birth (day and month either way round), any given
 *   name (a misspelt first name, twins).
 * - `address`: the same postcode and first address line.
 * - `surname-postcode`: someone of the same family name at the same postcode.
 * - `name`, `postcode`: for the staff search only (too weak to flag a referral on their own).
 */
export const MATCH_KINDS = [
  'person',
  'person-variant',
  'surname-dob',
  'address',
  'surname-postcode',
  'name',
  'postcode',
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** The kinds a new referral is checked against (the search-only kinds would flag half a street). */
export const REFERRAL_MATCH_KINDS: readonly MatchKind[] = [
  'person',
  'person-variant',
  'surname-dob',
  'address',
  'surname-postcode',
];

/** `strong`: a person matched exactly; `possible`: a fuzzy or address match for the screener to judge. */
export type MatchStrength = 'strong' | 'possible';

export function strengthOf(kinds: Iterable<MatchKind>): MatchStrength {
  for (const kind of kinds) if (kind === 'person') return 'strong';
  return 'possible';
}

export interface MatchMaterial {
  kind: MatchKind;
  /** The normalised parts joined; hashed before it is stored or looked up, never kept. */
  material: string;
}

/**
 * Common English short forms and the name they stand for (a small, fixed table: a wrong grouping only
 * adds a possible match for the screener to dismiss, never merges records).
 */
const NICKNAMES: Record<string, readonly string[]> = {
  alexander: ['alex', 'alec', 'sandy', 'xander'],
  alexandra: ['alex', 'lexi', 'sasha'],
  andrew: ['andy', 'drew'],
  anthony: ['tony', 'ant'],
  benjamin: ['ben', 'benny', 'benji'],
  catherine: ['cath', 'cathy', 'kate', 'katie', 'kath', 'kathy', 'katherine', 'kathryn'],
  charles: ['charlie', 'chas', 'chuck'],
  charlotte: ['lottie', 'charlie'],
  christopher: ['chris', 'kit'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davey'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'bess'],
  frederick: ['fred', 'freddie', 'freddy'],
  isabella: ['bella', 'izzy', 'isabel', 'isobel'],
  jacob: ['jake'],
  james: ['jim', 'jimmy', 'jamie'],
  jennifer: ['jen', 'jenny'],
  jessica: ['jess', 'jessie'],
  john: ['jack', 'johnny', 'jon'],
  joseph: ['joe', 'joey'],
  margaret: ['maggie', 'meg', 'peggy', 'margo'],
  matthew: ['matt', 'matty'],
  michael: ['mike', 'mick', 'mikey'],
  nicholas: ['nick', 'nicky'],
  oliver: ['ollie', 'olly'],
  patrick: ['pat', 'paddy'],
  rebecca: ['becky', 'becca'],
  richard: ['rich', 'rick', 'ricky', 'dick'],
  robert: ['rob', 'robbie', 'bob', 'bobby', 'bert'],
  samuel: ['sam', 'sammy'],
  samantha: ['sam', 'sammy'],
  sarah: ['sara', 'sally'],
  stephen: ['steve', 'steven', 'stevie'],
  thomas: ['tom', 'tommy'],
  victoria: ['vicky', 'tori'],
  william: ['will', 'bill', 'billy', 'willie', 'liam'],
};

/** Short form -> every name it may stand for (sorted, so "sam" gives one key for Samuel and Samantha). */
const CANONICAL = new Map<string, string>();
for (const [name, shorts] of Object.entries(NICKNAMES)) {
  for (const form of [name, ...shorts]) {
    const known = CANONICAL.get(form);
    CANONICAL.set(form, known && known < name ? known : name);
  }
}

/** Lower case, no diacritics (Zoë = Zoe), no spaces, hyphens or apostrophes (O'Neil = ONeil). */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A given name's usual full form: the first of its parts, then the nickname table. */
export function canonicalGivenName(value: string): string {
  const first =
    value
      .split(/[\s-]+/u)
      .map(foldText)
      .find(Boolean) ?? '';
  return CANONICAL.get(first) ?? first;
}

/** The parts of a family name (Smith-Jones: smithjones, smith, jones), the whole first. */
export function familyNameForms(value: string): string[] {
  const parts = value
    .split(/[\s-]+/u)
    .map(foldText)
    .filter(Boolean);
  return [...new Set([foldText(value), ...(parts.length > 1 ? parts : [])])].filter(Boolean);
}

/** A date of birth with its day and month in a fixed order, so 2019-03-07 and 2019-07-03 agree. */
export function unorderedDate(isoDate: string): string {
  const [year, month = '', day = ''] = isoDate.split('-');
  return [year, ...[month, day].sort()].join('-');
}

export function compactPostcode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function material(kind: MatchKind, ...parts: string[]): MatchMaterial {
  return { kind, material: [kind, ...parts].join('|') };
}

function personMaterial(member: Pick<FamilyMember, 'givenName' | 'familyName' | 'dateOfBirth'>) {
  const out: MatchMaterial[] = [
    material('person', foldText(member.givenName), foldText(member.familyName), member.dateOfBirth),
  ];
  const given = canonicalGivenName(member.givenName);
  for (const family of familyNameForms(member.familyName)) {
    out.push(material('person-variant', given, family, unorderedDate(member.dateOfBirth)));
    out.push(material('surname-dob', family, unorderedDate(member.dateOfBirth)));
    out.push(material('name', given, family));
  }
  return out;
}

function unique(materials: MatchMaterial[]): MatchMaterial[] {
  const seen = new Map<string, MatchMaterial>();
  for (const entry of materials) seen.set(entry.material, entry);
  return [...seen.values()];
}

/** Every match key a referral's record is indexed under (each family member, and the address). */
export function matchMaterialOf(referral: Pick<Referral, 'family'>): MatchMaterial[] {
  const { members, address } = referral.family;
  const postcode = compactPostcode(address.postcode);
  const out: MatchMaterial[] = [
    material('address', postcode, foldText(address.line1)),
    material('postcode', postcode),
  ];
  for (const member of members) {
    out.push(...personMaterial(member));
    for (const family of familyNameForms(member.familyName)) {
      out.push(material('surname-postcode', family, postcode));
    }
  }
  return unique(out);
}

/** What a staff search may give: any of these (a reference is looked up on its own index). */
export interface SearchTerms {
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  postcode?: string;
}

/**
 * The keys a search looks up: the most specific its terms allow (a name and a date of birth finds the
 * person and their variants; a family name and a postcode, the family at that postcode; and so on).
 * Empty when the terms are too few to search on (a given name alone, a date of birth alone).
 */
export function searchMaterialOf(terms: SearchTerms): MatchMaterial[] {
  const { givenName, familyName, dateOfBirth, postcode } = terms;
  const families = familyName ? familyNameForms(familyName) : [];
  const code = postcode ? compactPostcode(postcode) : undefined;
  const out: MatchMaterial[] = [];
  if (givenName && familyName && dateOfBirth) {
    out.push(...personMaterial({ givenName, familyName, dateOfBirth }).filter((m) => m.kind !== 'name'));
  } else if (familyName && dateOfBirth) {
    for (const family of families) out.push(material('surname-dob', family, unorderedDate(dateOfBirth)));
  } else if (givenName && familyName && !code) {
    for (const family of families) out.push(material('name', canonicalGivenName(givenName), family));
  }
  if (code) {
    if (families.length > 0) {
      for (const family of families) out.push(material('surname-postcode', family, code));
    } else if (!givenName && !dateOfBirth) {
      out.push(material('postcode', code));
    }
  }
  return unique(out);
}
