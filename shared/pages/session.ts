import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../adapters/data/db';
import { createSession, deleteSession, getSession, touchSession } from '../adapters/data/sessions';
import { directory, type StaffEntry } from '../adapters/identity/directory';

// Staff sessions for the pages. The cookie holds a random id; the table holds the session under a
// hash of it. The CSRF token of every form is derived from the same id (a one-way hash), so it is
// bound to this browser's session, needs no server secret, and changes when sign-in rotates the id.

/** Signed out after this long without a request. */
export const IDLE_MINUTES = 60;
/** Signed out this long after signing in, however active. */
export const MAX_HOURS = 12;
/** An ended session is remembered this long, so a form sent after a timeout is kept as a draft. */
const REMEMBER_DAYS = 7;
/** Activity is recorded at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function isSessionId(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function sessionIdHash(id: string): string {
  return createHash('sha256').update(`session:${id}`).digest('hex');
}

export function csrfTokenFor(id: string): string {
  return createHash('sha256').update(`csrf:${id}`).digest('base64url');
}

export function csrfTokenMatches(id: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(id));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type SessionState =
  | { kind: 'none' }
  /** Ended by time, not by signing out: whose it was is still known. */
  | { kind: 'expired'; userId: string }
  | { kind: 'active'; userId: string; member: StaffEntry };

export async function resolveSession(db: Db, id: string | undefined, now: Date): Promise<SessionState> {
  if (!isSessionId(id)) return { kind: 'none' };
  const hash = sessionIdHash(id);
  const session = await getSession(db, hash);
  if (!session) return { kind: 'none' };
  const idleEnd = Date.parse(session.lastSeenAt) + IDLE_MINUTES * 60_000;
  if (now.getTime() >= Math.min(idleEnd, Date.parse(session.endsAt))) {
    return { kind: 'expired', userId: session.userId };
  }
  const member = await directory().staffMember(session.userId);
  if (!member?.active) return { kind: 'none' };
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    await touchSession(db, hash, now.toISOString());
  }
  return { kind: 'active', userId: session.userId, member };
}

/** Starts a session for a signed-in user under a fresh id (never the id the sign-in form came with). */
export async function startSession(db: Db, userId: string, now: Date): Promise<string> {
  const id = newSessionId();
  const endsAt = new Date(now.getTime() + MAX_HOURS * 3600_000);
  await createSession(
    db,
    sessionIdHash(id),
    { userId, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), endsAt: endsAt.toISOString() },
    Math.floor(endsAt.getTime() / 1000) + REMEMBER_DAYS * 24 * 3600,
  );
  return id;
}

export async function endSession(db: Db, id: string | undefined): Promise<void> {
  if (isSessionId(id)) await deleteSession(db, sessionIdHash(id));
}
