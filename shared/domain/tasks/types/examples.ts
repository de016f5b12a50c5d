import type { FamilyStar } from '../../../core/schemas';

/** Every area of the Family Star at one score: for the API document's outcome examples. */
export const exampleFamilyStar = (score: number): FamilyStar => ({
  'physical-health': score,
  'well-being': score,
  'emotional-needs': score,
  'keeping-safe': score,
  'social-networks': score,
  'education-learning': score,
  'boundaries-behaviour': score,
  'family-routine': score,
  'home-money': score,
  'progress-to-work': score,
});
