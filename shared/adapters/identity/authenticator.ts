import { Secret, TOTP } from 'otpauth';

// Authenticator apps (RFC 6238 TOTP: HMAC-SHA1, 6 digits, 30-second steps, as Cognito uses): the
// otpauth library does the algorithm and the otpauth:// URI; this file fixes the parameters and how
// a secret is shown for typing. The local user pool verifies codes with the same functions.

/** The name authenticator apps show beside the account. */
export const AUTHENTICATOR_ISSUER = 'Supporting Families';

function totp(secret: string, label = 'staff'): TOTP {
  return new TOTP({
    issuer: AUTHENTICATOR_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random base32 secret of 160 bits (RFC 4226's recommended length; Cognito's too). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The code an authenticator app shows for `secret` at `at`. */
export function totpCode(secret: string, at: Date = new Date()): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/** Whether `code` is the code for `at`, or for the step either side (clocks drift, people are slow). */
export function totpMatches(secret: string, code: string, at: Date = new Date()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totp(secret).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;
}

/** The `otpauth://totp/...` link an authenticator app (or a QR code of it) takes. */
export function otpauthUri(secret: string, username: string): string {
  return totp(secret, username).toString();
}

/** The secret in groups of four, easier to read out and type: `ABCD EFGH ...`. */
export function groupInFours(secret: string): string {
  return (
    secret
      .replace(/[\s=]/g, '')
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}
