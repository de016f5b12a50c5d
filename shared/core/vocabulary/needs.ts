import { complexityOf, type NeedsComplexity } from '../config';

export type { NeedsComplexity };

// The fixed list of presenting needs, written once. Sources: the dashboard's "issues at the start of
// intervention" (seeds/001 §11, §8) and the common issues for families (seeds/003, insight 2011).
// Each need maps to exactly one of the ten headline outcomes of the National Supporting Families Outcome
// Framework; the mapping is the programme's rule, so it is data: config/outcome-framework.json, read by
// config/outcome-framework.ts (headlineOf, headlineAreasOf). New ids are only ever appended here.

export const HEADLINE_OUTCOMES = [
  { id: 'good-education', label: 'Getting a good education' },
  { id: 'early-years', label: 'Good early years development' },
  { id: 'mental-physical-health', label: 'Improved mental and physical health' },
  { id: 'substance-use', label: 'Better managed substance use' },
  { id: 'family-relationships', label: 'Improved family relationships' },
  { id: 'children-safe', label: 'Children safe from abuse and exploitation' },
  { id: 'crime', label: 'Families diverted from crime' },
  { id: 'domestic-abuse', label: 'Safe from domestic abuse' },
  { id: 'secure-housing', label: 'Secure housing' },
  { id: 'financial-stability', label: 'Financial stability' },
] as const;

export type HeadlineOutcomeId = (typeof HEADLINE_OUTCOMES)[number]['id'];

export interface Need {
  id: string;
  label: string;
  source: string;
}

export const NEEDS = [
  {
    id: 'looking-after-children',
    label: 'Difficulties in looking after children (including poor parenting)',
    source: 'seeds/001 §11 (87%); seeds/003 poor parenting',
  },
  {
    id: 'healthy-lifestyle',
    label: 'Healthy lifestyle issues',
    source: 'seeds/001 §11 (73%)',
  },
  {
    id: 'benefit-reliance',
    label: 'Family heavily or solely reliant on state benefits',
    source: 'seeds/001 §11 (71%)',
  },
  {
    id: 'financial-difficulty',
    label: 'Family has financial difficulties (including debt and rent arrears)',
    source: 'seeds/001 §11 (65%), §14; seeds/003 poverty',
  },
  {
    id: 'violent-child',
    label: 'Child with violent or aggressive behaviour in the household',
    source: 'seeds/001 §11 (61%)',
  },
  {
    id: 'worklessness',
    label: 'Worklessness or unemployment',
    source: 'seeds/001 §8; seeds/003 poverty, worklessness',
  },
  {
    id: 'housing',
    label: 'Poor or overcrowded housing (including homelessness)',
    source: 'seeds/003',
  },
  {
    id: 'substance-misuse',
    label: 'High-risk behaviours (including substance misuse)',
    source: 'seeds/003',
  },
  {
    id: 'mental-health',
    label: 'Mental health',
    source: 'seeds/003 health; seeds/001 §21',
  },
  {
    id: 'physical-health-disability',
    label: 'Physical health or disability',
    source: 'seeds/003 health; seeds/001 §21',
  },
  {
    id: 'crime',
    label: 'Crime (offending or experience of)',
    source: 'seeds/003; seeds/001 §8',
  },
  {
    id: 'anti-social-behaviour',
    label: 'Anti-social behaviour',
    source: 'seeds/001 §8',
  },
  {
    id: 'education',
    label: 'Lack of education or attainment',
    source: 'seeds/003',
  },
  {
    id: 'missing-education',
    label: 'Children missing education (including persistent absence)',
    source: 'seeds/001 §8, §14',
  },
  {
    id: 'domestic-violence',
    label: 'Domestic violence',
    source: 'seeds/003',
  },
  {
    id: 'relationships-isolation',
    label: 'Difficulties maintaining relationships (including isolation)',
    source: 'seeds/003; seeds/001 §21',
  },
  {
    id: 'lack-of-resilience',
    label: 'Lack of resilience (capability, capacity, confidence, coping)',
    source: 'seeds/003',
  },
  {
    id: 'early-years-development',
    label: "Child's early years development (health, speech and language, early education)",
    source: 'Supporting Families outcome framework 2022-25, headline "good early years development"',
  },
  {
    id: 'child-safety',
    label: 'Child at risk of abuse, neglect or exploitation (including going missing)',
    source:
      'Supporting Families outcome framework 2022-25, headline "children safe from abuse and exploitation"',
  },
] as const satisfies readonly Need[];

export type NeedId = (typeof NEEDS)[number]['id'];

export const HEADLINE_IDS = HEADLINE_OUTCOMES.map((outcome) => outcome.id) as [
  HeadlineOutcomeId,
  ...HeadlineOutcomeId[],
];

export const NEED_IDS = NEEDS.map((need) => need.id) as [NeedId, ...NeedId[]];

const byId = new Map<string, Need>(NEEDS.map((need) => [need.id, need]));

export function getNeed(id: NeedId): Need {
  return byId.get(id)!;
}

/** At risk = two or more needs, complex = five or more (seeds/003; thresholds in config/staffing.json). */
export function complexityFromNeeds(needs: readonly NeedId[]): NeedsComplexity {
  return complexityOf(new Set(needs).size);
}
