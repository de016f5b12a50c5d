import { describe, expect, it } from 'vitest';
import { share } from '../../../local/simulate/cli-options';
import { generateFamilies, referralOf } from '../../../local/simulate/population';
import { partnerReferralSchema, staffReferralSchema } from '../../../shared/core/schemas/referral';
import { actorFor, planAction } from '../../../local/simulate/staff';
import { waves } from '../../../local/simulate/run';
import { getConfig } from '../../../shared/core/config';
import { isWorkingDay, londonDate } from '../../../shared/core/calendar';

describe('simulated families', () => {
  it("spread the seeds' 3,302 families over the localities, complex in each locality's high-risk share", () => {
    // Act
    const families = generateFamilies({ families: 3302, days: 365, seed: 1, start: '2026-04-01' });
    // Assess
    for (const locality of getConfig().localities) {
      const here = families.filter((family) => family.locality === locality.id);
      expect(here).toHaveLength(locality.march2012.total);
      expect(here.filter((family) => family.complex)).toHaveLength(locality.march2012.highRisk);
    }
    expect(families.every((family) => isWorkingDay(londonDate(family.referredAt)))).toBe(true);
    expect(
      families.every((family) => (family.complex ? family.needs.length >= 5 : family.needs.length <= 4)),
    ).toBe(true);
    expect(new Set(families.map((family) => family.caseId)).size).toBe(3302);
  });

  it('are the same for the same seed and differ for another', () => {
    const a = generateFamilies({ families: 200, days: 120, seed: 5, start: '2026-04-01' });
    const b = generateFamilies({ families: 200, days: 120, seed: 5, start: '2026-04-01' });
    const c = generateFamilies({ families: 200, days: 120, seed: 6, start: '2026-04-01' });
    expect(b).toEqual(a);
    expect(c.map((family) => family.caseId)).not.toEqual(a.map((family) => family.caseId));
  });
});

describe('simulated step-downs', () => {
  const options = { families: 2000, days: 365, seed: 2, start: '2026-04-01', urgentShare: 0.05 };

  it('are a share of the families on their own stream: the share changes who steps down and nothing else', () => {
    // Act
    const none = generateFamilies(options);
    const some = generateFamilies({ ...options, stepDownShare: 0.1 });
    // Assess
    expect(none.filter((family) => family.stepDown)).toEqual([]);
    const stepDowns = some.filter((family) => family.stepDown).length;
    expect(stepDowns).toBeGreaterThan(150);
    expect(stepDowns).toBeLessThan(250);
    expect(some.map(({ stepDown: _stepDown, ...family }) => family)).toEqual(
      none.map(({ stepDown: _stepDown, ...family }) => family),
    );
    // an immediate concern stays with social care: never a step-down
    expect(some.filter((family) => family.stepDown && family.urgent)).toEqual([]);
  });

  it("are referred as children's social care's step-down, the others as a partner's MARF", () => {
    const families = generateFamilies({ ...options, stepDownShare: 0.5 });
    const stepDown = families.find((family) => family.stepDown)!;
    const partner = families.find((family) => !family.stepDown)!;
    expect(staffReferralSchema.safeParse(referralOf(stepDown)).error?.issues ?? []).toEqual([]);
    expect(referralOf(stepDown)).toMatchObject({ route: 'step-down' });
    expect(partnerReferralSchema.safeParse(referralOf(partner)).error?.issues ?? []).toEqual([]);
  });

  it('--step-down-share takes a share from 0 to 1', () => {
    expect(share('step-down-share', '0.2', 0.05)).toBe(0.2);
    expect(share('step-down-share', undefined, 0.05)).toBe(0.05);
    expect(() => share('step-down-share', '1.5', 0.05)).toThrow(
      '--step-down-share: "1.5" is not a share from 0 to 1 (e.g. 0.03)',
    );
  });
});

describe('simulated re-referrals', () => {
  const options = { families: 1000, days: 365, seed: 2, start: '2026-04-01' };

  it('refer again an earlier family of the same locality, four weeks or more before, in about the share asked', () => {
    // Act
    const families = generateFamilies({ ...options, reReferralShare: 0.1 });
    // Assess
    const byIndex = new Map(families.map((family) => [family.index, family]));
    const again = families.filter((family) => family.reReferralOf !== undefined);
    expect(again.length).toBeGreaterThan(60);
    expect(again.length).toBeLessThan(110);
    for (const family of again) {
      const earlier = byIndex.get(family.reReferralOf!)!;
      expect(earlier.locality).toBe(family.locality);
      expect(earlier.reReferralOf).toBeUndefined();
      expect(family.referredAt.getTime() - earlier.referredAt.getTime()).toBeGreaterThanOrEqual(
        28 * 86_400_000,
      );
    }
    // The referral repeats the earlier family's details, so the matching can find it
    const family = again[0]!;
    const earlier = byIndex.get(family.reReferralOf!)!;
    expect((referralOf(family) as { family: unknown }).family).toEqual(
      (referralOf(earlier) as { family: unknown }).family,
    );
  });

  it('draw from their own stream: the share changes who is referred again and nothing else', () => {
    const none = generateFamilies({ ...options, reReferralShare: 0 });
    const some = generateFamilies({ ...options, reReferralShare: 0.2 });
    expect(none.every((family) => family.reReferralOf === undefined)).toBe(true);
    const strip = (list: typeof none) => list.map(({ reReferralOf: _again, ...rest }) => rest);
    expect(strip(some)).toEqual(strip(none));
  });
});

describe('simulated staff', () => {
  const [family] = generateFamilies({ families: 1, days: 30, seed: 3, start: '2026-04-01' });
  const opened = { type: 'hub-decision' as const, createdAt: '2026-04-07T10:00:00.000Z' };

  it("answer a task after a working-day delay, with the family's own draw for it", () => {
    // Act
    const first = planAction(opened, family!, 1, 3)!;
    const again = planAction(opened, family!, 1, 3)!;
    // Assess
    expect(again).toEqual(first);
    expect(first.at.getTime()).toBeGreaterThan(Date.parse(opened.createdAt));
    expect(isWorkingDay(londonDate(first.at))).toBe(true);
    expect(['family-support', 'redirect', 'nfa']).toContain(first.decision);
  });

  it('act as the task owner, or as the owning role in its area', () => {
    expect(actorFor({ owner: 'worker:fsw-blaby-2', area: 'blaby' })).toEqual({
      kind: 'staff',
      userId: 'fsw-blaby-2',
      role: 'family-support-worker',
      area: 'blaby',
    });
    expect(actorFor({ owner: 'role:hub-coordinator:melton', area: 'melton' })).toMatchObject({
      userId: 'hub-melton',
      role: 'hub-coordinator',
    });
  });

  it('never move two places in one locality at once', () => {
    // Prepare
    const place = (locality: string) =>
      ({
        kind: 'complete',
        family: { ...family!, locality },
        task: {},
        plan: { movesCapacity: true },
      }) as never;
    const other = { kind: 'refer', family: family! } as never;
    // Act
    const split = waves([place('blaby'), place('blaby'), place('melton'), other]);
    // Assess
    expect(split.map((wave) => wave.length)).toEqual([3, 1]);
  });
});
