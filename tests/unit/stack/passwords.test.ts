import { describe, expect, it } from 'vitest';
import { hashSecret, scryptCost, verifySecret } from '../../../local/api/identity/passwords';

// The local pool's scrypt cost: 16384 as shipped, lowered only by SFW_LOCAL_SCRYPT_N (the test runs
// set 1024 in vitest.config.ts), and every hash verified by the parameters it carries.

/** Runs `work` with SFW_LOCAL_SCRYPT_N set to `value` (unset for undefined), then puts it back. */
async function withCost<T>(value: string | undefined, work: () => Promise<T> | T): Promise<T> {
  // Set on process.env itself: the shared workers' setup replaces process.env after each file, which
  // vi.stubEnv's deletions do not follow.
  const before = process.env.SFW_LOCAL_SCRYPT_N;
  if (value === undefined) delete process.env.SFW_LOCAL_SCRYPT_N;
  else process.env.SFW_LOCAL_SCRYPT_N = value;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.SFW_LOCAL_SCRYPT_N;
    else process.env.SFW_LOCAL_SCRYPT_N = before;
  }
}

describe('local password hashing cost', () => {
  it('hashes at N=16384 when nothing lowers it, and verifies that hash', async () => {
    // Act
    const [cost, hash] = await withCost(undefined, async () => [
      scryptCost(),
      await hashSecret('correct horse'),
    ]);
    // Assess
    expect(cost).toBe(16384);
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(await verifySecret('correct horse', hash)).toBe(true);
    expect(await verifySecret('wrong horse', hash)).toBe(false);
  });

  it('hashes at the lower cost named, and verifies each hash by its own parameters whatever is set', async () => {
    // Prepare
    const cheap = await withCost('1024', () => hashSecret('correct horse'));
    // Act
    const shipped = await withCost('', () => hashSecret('correct horse'));
    // Assess
    expect(cheap.split('$')[1]).toBe('1024');
    expect(shipped.split('$')[1]).toBe('16384');
    expect(await withCost('16384', () => verifySecret('correct horse', cheap))).toBe(true);
    expect(await verifySecret('wrong horse', cheap)).toBe(false);
    expect(await withCost('1024', () => verifySecret('correct horse', shipped))).toBe(true);
  });

  it.each(['512', '3000', '32768', 'low', '1024.5'])(
    'refuses SFW_LOCAL_SCRYPT_N=%s, naming the rule',
    async (setting) => {
      // Act and assess
      await expect(withCost(setting, () => hashSecret('correct horse'))).rejects.toThrow(
        /power of two from 1024 to 16384/,
      );
    },
  );
});
