import { encodeTime } from 'ulid';
import { addDays, isWorkingDay, londonTime } from '../../shared/core/calendar';
import { getConfig } from '../../shared/core/config';
import { spreadByShares } from '../stack/workforce';
import { Random } from './random';
import { NEEDS } from '../../shared/core/vocabulary/needs';

// The county's families for a simulated year: spread over the localities by the seeds' March 2012
// counts, complex (five or more needs) in each locality's high-risk share, each referred on a working
// day of the period. All names and addresses are invented and numbered.

export interface Family {
  index: number;
  caseId: string;
  locality: string;
  complex: boolean;
  needs: string[];
  /** Referred with an immediate safeguarding concern (an urgent screen). */
  urgent: boolean;
  /** Stepped down by children's social care as it closes a statutory case: no screen, to the hub. */
  stepDown: boolean;
  /** When the referral arrives (an instant on a working day, within office hours). */
  referredAt: Date;
  /**
   * A family referred again: the index of the earlier family whose details (names, dates of birth,
   * address) this referral repeats (issue 17's re-referrals).
   */
  reReferralOf?: number;
}

/**
 * When simulated people act: two rounds a working day, London time (09:00 is the chase run). Few
 * rounds mean many actions per instant, which the simulation runs side by side: this is what makes
 * a county-year fast.
 */
export const ACTION_HOURS = [10, 14] as const;

export function workingDaysFrom(start: string, days: number): string[] {
  const dates: string[] = [];
  for (let offset = 0; offset < days; offset += 1) {
    const date = addDays(start, offset);
    if (isWorkingDay(date)) dates.push(date);
  }
  return dates;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID for the family's case from its referral time and its own stream: same seed, same ids. */
function caseIdOf(at: Date, random: Random): string {
  let tail = '';
  for (let index = 0; index < 16; index += 1) tail += CROCKFORD[random.int(0, 31)];
  return encodeTime(at.getTime(), 10) + tail;
}

/**
 * The share of referrals made with an immediate safeguarding concern. The seeds give no figure; 3% is
 * our assumption (a concern serious enough to need the duty team within the hour, but early help's).
 */
export const DEFAULT_URGENT_SHARE = 0.03;

/**
 * The share of referrals that are step-downs from children's social care. The seeds give no figure;
 * 5% is our assumption (statutory cases closing to early help), configurable with --step-down-share.
 */
export const DEFAULT_STEP_DOWN_SHARE = 0.05;

/**
 * The share of referrals that are a family referred again. The seeds give no figure; 5% is our
 * assumption (children's social care re-referral rates run higher, early help's are not published).
 */
export const DEFAULT_RE_REFERRAL_SHARE = 0.05;

/** How long before a re-referral its earlier referral came at least, so the earlier case may have ended. */
const RE_REFERRAL_GAP_DAYS = 28;

/**
 * Makes a share of the families (in referral order) a re-referral of an earlier family of the same
 * locality referred at least four weeks before, each drawn from its own stream, so the share changes
 * who is referred again and nothing else about the families.
 */
function markReReferrals(families: Family[], seed: number, share: number): void {
  const earlier = new Map<string, Family[]>();
  for (const family of families) {
    const random = Random.stream(seed, 're-referral', family.index);
    const candidates = (earlier.get(family.locality) ?? []).filter(
      (other) =>
        family.referredAt.getTime() - other.referredAt.getTime() >= RE_REFERRAL_GAP_DAYS * 86_400_000,
    );
    if (random.chance(share) && candidates.length > 0) {
      const other = candidates[random.int(0, candidates.length - 1)]!;
      family.reReferralOf = other.reReferralOf ?? other.index;
    }
    earlier.set(family.locality, [...(earlier.get(family.locality) ?? []), family]);
  }
}

export function generateFamilies(options: {
  families: number;
  days: number;
  seed: number;
  start: string;
  urgentShare?: number;
  /** Default 0: the soak refers through the partner API, which takes no step-downs. */
  stepDownShare?: number;
  reReferralShare?: number;
}): Family[] {
  const { localities } = getConfig();
  const perLocality = spreadByShares(
    options.families,
    localities.map((locality) => locality.march2012.total),
  );
  const dates = workingDaysFrom(options.start, options.days);
  if (dates.length === 0) throw new RangeError('--days: the period holds no working day');
  const needIds = NEEDS.map((need) => need.id);
  const families: Family[] = [];
  localities.forEach((locality, localityIndex) => {
    const count = perLocality[localityIndex]!;
    const complexCount = Math.round((count * locality.march2012.highRisk) / locality.march2012.total);
    for (let n = 0; n < count; n += 1) {
      const index = families.length;
      const random = Random.stream(options.seed, 'family', index);
      const complex = n < complexCount;
      const date = dates[random.int(0, dates.length - 1)]!;
      const hour = ACTION_HOURS[random.int(0, ACTION_HOURS.length - 1)]!;
      const referredAt = londonTime(date, `${String(hour).padStart(2, '0')}:00`);
      const needCount = complex ? random.int(5, 7) : random.int(2, 4);
      // Its own stream, so the share changes who is urgent and nothing else about the families
      const urgent = Random.stream(options.seed, 'urgent', index).chance(
        options.urgentShare ?? DEFAULT_URGENT_SHARE,
      );
      // Likewise its own; an urgent family is never a step-down (that concern stays with social care).
      const stepDown =
        Random.stream(options.seed, 'step-down', index).chance(options.stepDownShare ?? 0) && !urgent;
      families.push({
        index,
        caseId: caseIdOf(referredAt, random),
        locality: locality.id,
        complex,
        needs: random.sample(needIds, needCount),
        urgent,
        stepDown,
        referredAt,
      });
    }
  });
  families.sort((a, b) => a.referredAt.getTime() - b.referredAt.getTime() || a.index - b.index);
  markReReferrals(families, options.seed, options.reReferralShare ?? DEFAULT_RE_REFERRAL_SHARE);
  return families;
}

/**
 * The referral a partner would post for the family (invented, numbered details), or for a step-down
 * the one children's social care records through the staff route.
 */
export function referralOf(family: Family): Record<string, unknown> {
  const day = family.referredAt.toISOString().slice(0, 10);
  const fromSocialCare = {
    referrer: {
      name: 'Simulated Social Worker',
      organisation: "Children's Social Care",
      role: 'Social worker',
      email: 'social.worker@council.invalid',
    },
    route: 'step-down',
    stepDown: { summary: 'Simulated: statutory case closing; early help agreed with the family.' },
  };
  // A family referred again is written as it was the first time (the matching finds it).
  const who = family.reReferralOf ?? family.index;
  return {
    referrer: {
      name: 'Simulated Referrer',
      organisation: 'Simulated Partner',
      role: 'Safeguarding lead',
      email: 'referrer@partner.invalid',
    },
    ...(family.stepDown ? fromSocialCare : {}),
    consent: { given: true, date: day, givenBy: `Parent ${who}`, relationship: 'parent' },
    family: {
      members: [
        {
          givenName: 'Parent',
          familyName: `Family${who}`,
          dateOfBirth: '1988-01-01',
          relationship: 'parent',
        },
        {
          givenName: `Child${who}`,
          familyName: `Family${who}`,
          dateOfBirth: '2016-01-01',
          relationship: 'child',
        },
      ],
      address: { line1: `${who} Simulation Road`, town: 'Simtown', postcode: 'LE1 1AA' },
    },
    locality: family.locality,
    presentingNeeds: family.needs,
    reason: 'Simulated referral: several needs at once.',
    immediateSafeguardingConcern: family.urgent,
  };
}
