// Family Star Plus: ten areas, each scored 1-10 (CONTRACT.md, DESIGN.md §3).
export const FAMILY_STAR_AREAS = [
  { id: 'physical-health', label: 'Physical health' },
  { id: 'well-being', label: 'Your well-being' },
  { id: 'emotional-needs', label: 'Meeting emotional needs' },
  { id: 'keeping-safe', label: 'Keeping your children safe' },
  { id: 'social-networks', label: 'Social networks' },
  { id: 'education-learning', label: 'Education and learning' },
  { id: 'boundaries-behaviour', label: 'Boundaries and behaviour' },
  { id: 'family-routine', label: 'Family routine' },
  { id: 'home-money', label: 'Home and money' },
  { id: 'progress-to-work', label: 'Progress to work' },
] as const;

export type FamilyStarAreaId = (typeof FAMILY_STAR_AREAS)[number]['id'];

export const FAMILY_STAR_AREA_IDS = FAMILY_STAR_AREAS.map((area) => area.id) as [
  FamilyStarAreaId,
  ...FamilyStarAreaId[],
];
