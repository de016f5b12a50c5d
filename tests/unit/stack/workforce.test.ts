import { describe, expect, it } from 'vitest';
import { spreadByShares, workforcePlan } from '../../../local/stack/workforce';
import { getConfig } from '../../../shared/core/config';
import { workerSchema } from '../../../shared/core/schemas';

describe('demo workforce', () => {
  it('splits a total by largest remainder, adding up exactly', () => {
    expect(spreadByShares(6, [0.5, 1.9, 0.4, 1.3, 0.5, 1.1, 0.4])).toEqual([1, 2, 0, 1, 1, 1, 0]);
    expect(spreadByShares(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(() => spreadByShares(3, [0, 0])).toThrow(/more than zero/);
  });

  it("seeds the seeds' 48 family support workers and 6 seniors, locality by locality", () => {
    // Act
    const plan = workforcePlan();
    // Assess
    const count = (role: string, area?: string) =>
      plan.filter((worker) => worker.role === role && (!area || worker.area === area)).length;
    expect(count('family-support-worker')).toBe(48);
    expect(count('senior')).toBe(6);
    for (const locality of getConfig().localities) {
      expect(count('family-support-worker', locality.id)).toBe(locality.familySupportWorkers);
    }
    expect(count('senior', 'charnwood')).toBe(2);
    expect(new Set(plan.map((worker) => worker.id)).size).toBe(plan.length);
    // The first of each locality is its demo sign-in account.
    expect(plan.map((worker) => worker.id)).toEqual(
      expect.arrayContaining(['fsw-blaby', 'fsw-blaby-4', 'senior-charnwood-2']),
    );
    const now = '2026-04-01T00:00:00.000Z';
    for (const worker of plan) {
      expect(() =>
        workerSchema.parse({ ...worker, load: 0, openCases: 0, createdAt: now, updatedAt: now }),
      ).not.toThrow();
    }
  });

  it('spreads another total by staff share for what-ifs', () => {
    // Act
    const plan = workforcePlan({ familySupportWorkers: 40 });
    // Assess
    const workers = plan.filter((worker) => worker.role === 'family-support-worker');
    expect(workers).toHaveLength(40);
    expect(workers.filter((worker) => worker.area === 'charnwood')).toHaveLength(13);
  });
});
