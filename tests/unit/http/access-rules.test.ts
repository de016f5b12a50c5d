import { describe, expect, it } from 'vitest';
import {
  canCompleteTask,
  canSeeCase,
  canSeeTask,
  partnerOwnsCase,
  ROLE_TASK_TYPES,
  type StaffCaller,
} from '../../../shared/domain/access/rules';
import { TASK_TYPES } from '../../../shared/core/config/task-types.generated';

const staff = (role: string, area: string, userId = `${role}-1`): StaffCaller => ({
  kind: 'staff',
  userId,
  role,
  area,
});

describe('partners', () => {
  it('own only the referrals they made', () => {
    const referral = { referral: { source: 'partner', partnerId: 'demo-police' } } as never;
    expect(partnerOwnsCase({ kind: 'partner', partnerId: 'demo-police' }, referral)).toBe(true);
    expect(partnerOwnsCase({ kind: 'partner', partnerId: 'demo-school' }, referral)).toBe(false);
    const selfReferral = { referral: { source: 'self' } } as never;
    expect(partnerOwnsCase({ kind: 'partner', partnerId: 'demo-police' }, selfReferral)).toBe(false);
  });
});

describe('tasks by role', () => {
  it('each role sees queue tasks of its own types only', () => {
    for (const [role, types] of Object.entries(ROLE_TASK_TYPES)) {
      const area = role === 'duty-social-worker' || role === 'head-of-service' ? 'county' : 'blaby';
      for (const type of TASK_TYPES) {
        const task = { type, owner: `role:${role}:${area}`, area };
        expect(canSeeTask(staff(role, area), task), `${role} ${type}`).toBe(types.includes(type));
      }
    }
  });

  it('a family support worker sees their own tasks, not a colleague’s or another locality’s queue', () => {
    const worker = staff('family-support-worker', 'blaby', 'fsw-a');
    expect(canSeeTask(worker, { type: 'consent', owner: 'worker:fsw-a', area: 'blaby' })).toBe(true);
    expect(canSeeTask(worker, { type: 'consent', owner: 'worker:fsw-b', area: 'blaby' })).toBe(false);
    expect(
      canSeeTask(worker, { type: 'consent', owner: 'role:family-support-worker:melton', area: 'melton' }),
    ).toBe(false);
  });

  it('a hub coordinator works their locality queue only', () => {
    const hub = staff('hub-coordinator', 'charnwood');
    expect(
      canCompleteTask(hub, {
        type: 'hub-decision',
        owner: 'role:hub-coordinator:charnwood',
        area: 'charnwood',
      }),
    ).toBe(true);
    expect(
      canCompleteTask(hub, { type: 'hub-decision', owner: 'role:hub-coordinator:melton', area: 'melton' }),
    ).toBe(false);
  });

  it('a senior oversees their locality’s key-work tasks but not another locality’s', () => {
    const senior = staff('senior', 'blaby');
    expect(canSeeTask(senior, { type: 'review', owner: 'worker:fsw-a', area: 'blaby' })).toBe(true);
    expect(canSeeTask(senior, { type: 'review', owner: 'worker:fsw-z', area: 'melton' })).toBe(false);
  });

  it('an administrator sees no tasks', () => {
    expect(
      canSeeTask(staff('administrator', 'county'), {
        type: 'allocation',
        owner: 'role:administrator:county',
        area: 'county',
      }),
    ).toBe(false);
  });
});

describe('cases', () => {
  const blabyCase = { locality: 'blaby', keyWorkerId: 'fsw-a' } as const;

  it('a worker cannot see another locality’s case', () => {
    expect(canSeeCase(staff('hub-coordinator', 'blaby'), blabyCase)).toBe(true);
    expect(canSeeCase(staff('hub-coordinator', 'melton'), blabyCase)).toBe(false);
    expect(canSeeCase(staff('locality-manager', 'melton'), blabyCase)).toBe(false);
  });

  it('a key worker sees only the cases they hold; county roles see all', () => {
    expect(canSeeCase(staff('family-support-worker', 'blaby', 'fsw-a'), blabyCase)).toBe(true);
    expect(canSeeCase(staff('family-support-worker', 'blaby', 'fsw-b'), blabyCase)).toBe(false);
    expect(canSeeCase(staff('duty-social-worker', 'county'), blabyCase)).toBe(true);
    expect(canSeeCase(staff('head-of-service', 'county'), blabyCase)).toBe(true);
    expect(canSeeCase(staff('administrator', 'county'), blabyCase)).toBe(false);
  });
});
