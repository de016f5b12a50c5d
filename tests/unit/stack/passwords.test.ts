import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashSecret, scryptCost, verifySecret } from '../../../local/api/identity/passwords';

// The local pool's scrypt cost: 16384 as shipped, lowered only by SFW_LOCAL_SCRYPT_N (the test runs
// set 1024 in vitest.config.ts), and every hash verified by the parameters it carries.

describe('local password hashing cost', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('hashes at N=16384 when nothing lowers it, and verifies that hash', async () => {
    // Prepare
    vi.stubEnv('SFW_LOCAL_SCRYPT_N', undefined);
    // Act
    const hash = await hashSecret('correct horse');
    // Assess
    expect(scryptCost()).toBe(16384);
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(await verifySecret('correct horse', hash)).toBe(true);
    expect(await verifySecret('wrong horse', hash)).toBe(false);
  });

  it('hashes at the lower cost named, and verifies each hash by its own parameters whatever is set', async () => {
    // Prepare
    vi.stubEnv('SFW_LOCAL_SCRYPT_N', '1024');
    const cheap = await hashSecret('correct horse');
    // Act
    vi.stubEnv('SFW_LOCAL_SCRYPT_N', '');
    const shipped = await hashSecret('correct horse');
    // Assess
    expect(cheap.split('$')[1]).toBe('1024');
    expect(shipped.split('$')[1]).toBe('16384');
    expect(await verifySecret('correct horse', cheap)).toBe(true);
    expect(await verifySecret('wrong horse', cheap)).toBe(false);
    vi.stubEnv('SFW_LOCAL_SCRYPT_N', '1024');
    expect(await verifySecret('correct horse', shipped)).toBe(true);
  });

  it.each(['512', '3000', '32768', 'low', '1024.5'])(
    'refuses SFW_LOCAL_SCRYPT_N=%s, naming the rule',
    async (setting) => {
      // Prepare
      vi.stubEnv('SFW_LOCAL_SCRYPT_N', setting);
      // Act and assess
      await expect(hashSecret('correct horse')).rejects.toThrow(/power of two from 1024 to 16384/);
    },
  );
});
