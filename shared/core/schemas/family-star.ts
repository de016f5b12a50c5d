import * as z from 'zod/mini';
import { FAMILY_STAR_AREA_IDS, type FamilyStarAreaId } from '../vocabulary/family-star';

export const familyStarScoreSchema = /* @__PURE__ */ (() => z.number().check(z.int(), z.gte(1), z.lte(10)))();

/** All ten areas, each a whole number from 1 to 10; no other keys. */
export const familyStarSchema = /* @__PURE__ */ (() =>
  z.strictObject(
    Object.fromEntries(FAMILY_STAR_AREA_IDS.map((id) => [id, familyStarScoreSchema])) as Record<
      FamilyStarAreaId,
      typeof familyStarScoreSchema
    >,
  ))();

export type FamilyStar = z.infer<typeof familyStarSchema>;
