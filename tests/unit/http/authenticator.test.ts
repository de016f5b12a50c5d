import { describe, expect, it } from 'vitest';
import {
  groupInFours,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpMatches,
} from '../../../shared/adapters/identity/authenticator';

// RFC 6238 appendix B's SHA-1 vectors: the secret is the ASCII "12345678901234567890"; an app shows
// the last six of the eight digits given there.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('authenticator codes (RFC 6238 TOTP)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i seconds the code is %s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('accepts the code of the step before and after, not two steps away', () => {
    const at = new Date(1111111109 * 1000);
    const code = totpCode(RFC_SECRET, at);

    expect(totpMatches(RFC_SECRET, code, new Date(at.getTime() + 30_000))).toBe(true);
    expect(totpMatches(RFC_SECRET, code, new Date(at.getTime() - 30_000))).toBe(true);
    expect(totpMatches(RFC_SECRET, code, new Date(at.getTime() + 61_000))).toBe(false);
  });

  it('refuses anything but six digits', () => {
    const at = new Date(59_000);
    expect(totpMatches(RFC_SECRET, '28708', at)).toBe(false);
    expect(totpMatches(RFC_SECRET, ' 287082', at)).toBe(false);
    expect(totpMatches(RFC_SECRET, '2870820', at)).toBe(false);
  });

  it('makes 160-bit base32 secrets, a new one each time', () => {
    const first = newTotpSecret();
    expect(first).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(first);
  });

  it('writes the otpauth link apps read, with the issuer and the account', () => {
    const uri = new URL(otpauthUri(RFC_SECRET, 'fsw-blaby'));

    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Supporting Families:fsw-blaby');
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('issuer')).toBe('Supporting Families');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('groups a secret in fours for typing, whatever spacing or padding it came with', () => {
    expect(groupInFours(RFC_SECRET)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    expect(groupInFours('abcd efgh ij==')).toBe('ABCD EFGH IJ');
    expect(groupInFours('')).toBe('');
  });
});
