import { optionalEnv } from '../core/environment';
// The staff pages' one cookie. Its value is a random session id: before sign-in it only anchors the
// sign-in form's CSRF token; after sign-in it names a server-side session (shared/adapters/data/sessions.ts).
// HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure with the
// `__Host-` prefix (https only, this host only, path /) everywhere but a local machine over http.

export const LOCAL_COOKIE_NAME = 'sfw-session';
export const SECURE_COOKIE_NAME = '__Host-sfw-session';

/** Cookies as API Gateway hands them: `event.cookies` (payload 2.0) or a `Cookie` header (1.0). */
export function parseCookies(pairs: readonly string[]): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of pairs.flatMap((entry) => entry.split(';'))) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    let value = pair.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as sent
    }
    // The first of two same-named cookies is the most specific one (RFC 6265 §5.4 ordering).
    if (!(name in cookies)) cookies[name] = value;
  }
  return cookies;
}

/** Secure cookies unless the pages are served to this machine over plain http. */
export function cookieIsSecure(host: string | undefined, stage = optionalEnv('STAGE')): boolean {
  if (stage === 'local') return false;
  const name = (host ?? '')
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return !(name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name));
}

export function cookieName(secure: boolean): string {
  return secure ? SECURE_COOKIE_NAME : LOCAL_COOKIE_NAME;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie. Without it the cookie lasts as long as the browser session. */
  maxAge?: number;
}

export function serializeSessionCookie(value: string, options: CookieOptions): string {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new RangeError('a session id is base64url text');
  const parts = [`${cookieName(options.secure)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  return parts.join('; ');
}

export function clearSessionCookie(options: Pick<CookieOptions, 'secure'>): string {
  return serializeSessionCookie('', { secure: options.secure, maxAge: 0 });
}
