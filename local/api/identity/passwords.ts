import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

// Local stand-in for the user pool's password store: scrypt (memory-hard, in node:crypto) with a
// random salt per secret, encoded with its parameters so they can be raised later.
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const DEFAULT_COST = 16384;
const KEY_LENGTH = 32;

/**
 * scrypt's N for new hashes: 16384, unless SFW_LOCAL_SCRYPT_N names a lower power of two (down to
 * 1024). The test runs set 1024 (vitest.config.ts): every API and pages test file seeds the demo
 * county's 32 staff and 2 partners into a pool of its own, and at 16384 their hashes were 1.2 to 1.4 s
 * of CPU a file, most of a small file's cost (docs/decisions.md, "Ninth pass"). A hash keeps its own
 * parameters, so verifying never reads this.
 */
export function scryptCost(): number {
  const setting = process.env.SFW_LOCAL_SCRYPT_N;
  if (setting === undefined || setting === '') return DEFAULT_COST;
  const cost = Number(setting);
  if (!Number.isInteger(cost) || cost < 1024 || cost > DEFAULT_COST || (cost & (cost - 1)) !== 0) {
    throw new Error(`SFW_LOCAL_SCRYPT_N must be a power of two from 1024 to ${DEFAULT_COST}, not ${setting}`);
  }
  return cost;
}

export async function hashSecret(secret: string): Promise<string> {
  const params = { N: scryptCost(), r: 8, p: 1 };
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, KEY_LENGTH, { ...params, maxmem: 64 * 1024 * 1024 });
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

/** A random secret with the entropy of Cognito's generated client secrets. */
export function generateSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
