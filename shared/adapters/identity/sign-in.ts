import { createHash, randomBytes } from 'node:crypto';
import {
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '../aws/clients';
import { now as clockNow } from '../../core/clock';
import type { Db } from '../data/db';
import { countRateEvent, rateExceeded } from '../data/rate-limits';
import {
  type ChallengeStep,
  createChallenge,
  deleteChallenge,
  getChallenge,
  type StoredChallenge,
  updateChallenge,
} from '../data/sign-in-challenges';
import { groupInFours, otpauthUri } from './authenticator';
import { directory, type StaffEntry } from './directory';
import { authSettings } from './settings';
import { signInFailureBucket, signInFailureLimit } from './sign-in-limits';

// Staff sign-in, shared by the API (`POST /v1/session`) and the staff pages: the user pool checks the
// password (Cognito in AWS, the local server's pool locally, through the same SDK calls) and, where
// the pool demands it, the authenticator code; the staff record then says whether they may work.
//
// A first sign-in meets the pool's challenges: choose a new password (after a temporary one), set
// up an authenticator app (MFA_SETUP), give a code. Each is answered in a later request; between
// them the pool's Session string stays in the table (shared/adapters/data/sign-in-challenges.ts) under a hash
// of a random reference id, which is all the caller holds.

export type { ChallengeStep } from '../data/sign-in-challenges';

export interface SignedIn {
  kind: 'signed-in';
  accessToken: string;
  expiresIn: number;
  member: StaffEntry;
}

export interface AuthenticatorSetup {
  /** Base32, as authenticator apps take it typed in. */
  secret: string;
  /** The same in groups of four, for reading and typing. */
  secretGrouped: string;
  /** `otpauth://totp/...`, for a link or a QR code. */
  uri: string;
}

/** The pool asked for more: answer it with `answerChallenge(challengeId, ...)`. */
export interface ChallengePending {
  kind: 'challenge';
  challengeId: string;
  step: ChallengeStep;
  /** mfa-setup only. */
  setup?: AuthenticatorSetup;
  validUntil: string;
}

/**
 * The sign-in did not complete: `credentials` (never says which part was wrong), `code-required`
 * (the pool wants the authenticator code with the password).
 */
export class SignInRefused extends Error {
  constructor(readonly reason: 'credentials' | 'code-required') {
    super(`sign-in refused: ${reason}`);
    this.name = 'SignInRefused';
  }
}

/** A wrong answer to a challenge: the field at fault; the challenge stands, to answer again. */
export class ChallengeAnswerRejected extends Error {
  constructor(
    readonly field: 'newPassword' | 'code',
    readonly rule: 'required' | 'format' | 'password_policy' | 'mismatch',
    readonly detail: string,
    readonly pending: ChallengePending,
  ) {
    super(`challenge answer rejected: ${field} ${rule}`);
    this.name = 'ChallengeAnswerRejected';
  }
}

/**
 * Too many failed sign-ins for this username in the window: refused before the password is even
 * checked, so guessing stops; the same answer for an unknown username, so it tells nobody who exists.
 */
export class SignInLocked extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('sign-in locked for a while');
    this.name = 'SignInLocked';
  }
}

/** No challenge to answer: an unknown id, one that ran out of time or of attempts. Sign in again. */
export class ChallengeGone extends Error {
  constructor(readonly reason: 'unknown' | 'expired' | 'attempts') {
    super(`sign-in challenge ${reason}`);
    this.name = 'ChallengeGone';
  }
}

export interface SignInContext {
  now?: Date;
  /** What a challenge id is tied to (the pages pass a hash of their cookie id); `api` by default. */
  binding?: string;
}

/** As the staff app client's authSessionValidity (infra/api/auth.ts): time to install an app. */
export const CHALLENGE_MINUTES = 10;
/** Wrong codes before the challenge is dropped and the password is needed again. */
export const MAX_WRONG_ANSWERS = 5;

const REFUSED = [
  'NotAuthorizedException',
  'UserNotFoundException',
  'PasswordResetRequiredException',
  'CodeMismatchException',
];
const WRONG_CODE = ['CodeMismatchException', 'EnableSoftwareTokenMFAException'];

export function isChallengeId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

const challengeIdHash = (id: string) => createHash('sha256').update(`signin:${id}`).digest('hex');

interface PoolAnswer {
  AuthenticationResult?: AuthenticationResultType;
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
}

type Next =
  | { kind: 'done'; result: AuthenticationResultType }
  | { kind: 'step'; step: ChallengeStep; poolSession: string; secret?: string; username: string };

/** What the pool's answer asks for next; a first authenticator set-up fetches its secret at once. */
async function nextOf(answer: PoolAnswer, username: string): Promise<Next> {
  if (answer.AuthenticationResult) return { kind: 'done', result: answer.AuthenticationResult };
  // The pool's own username (the person may have signed in with an alias such as their email).
  const poolUsername = answer.ChallengeParameters?.USER_ID_FOR_SRP ?? username;
  const session = answer.Session ?? '';
  switch (answer.ChallengeName) {
    case 'SOFTWARE_TOKEN_MFA':
      return { kind: 'step', step: 'mfa-code', poolSession: session, username: poolUsername };
    case 'NEW_PASSWORD_REQUIRED':
      return { kind: 'step', step: 'new-password', poolSession: session, username: poolUsername };
    case 'MFA_SETUP': {
      const associated = await cognito().send(new AssociateSoftwareTokenCommand({ Session: session }));
      if (!associated.SecretCode || !associated.Session)
        throw new Error('AssociateSoftwareToken gave no secret');
      return {
        kind: 'step',
        step: 'mfa-setup',
        poolSession: associated.Session,
        secret: associated.SecretCode,
        username: poolUsername,
      };
    }
    default:
      throw new Error(`The user pool asked for an unsupported challenge: ${answer.ChallengeName}`);
  }
}

function pendingOf(challengeId: string, challenge: StoredChallenge): ChallengePending {
  return {
    kind: 'challenge',
    challengeId,
    step: challenge.step,
    validUntil: challenge.validUntil,
    ...(challenge.step === 'mfa-setup' && challenge.secret
      ? {
          setup: {
            secret: challenge.secret,
            secretGrouped: groupInFours(challenge.secret),
            uri: otpauthUri(challenge.secret, challenge.username),
          },
        }
      : {}),
  };
}

async function finish(result: AuthenticationResultType, username: string): Promise<SignedIn> {
  const member = await directory().staffMember(username);
  if (!result.AccessToken || !member?.active) throw new SignInRefused('credentials');
  return { kind: 'signed-in', accessToken: result.AccessToken, expiresIn: result.ExpiresIn ?? 0, member };
}

function respond(challengeName: string, session: string, responses: Record<string, string>) {
  return cognito().send(
    new RespondToAuthChallengeCommand({
      ClientId: authSettings().staffClientId,
      ChallengeName: challengeName as 'SOFTWARE_TOKEN_MFA',
      Session: session,
      ChallengeResponses: responses,
    }),
  );
}

/**
 * Signs a member of staff in with their password (and code, when their authenticator is set up and
 * they give it at once). A pool challenge the caller must answer comes back as `ChallengePending`.
 */
export async function signInStaff(
  db: Db,
  username: string,
  password: string,
  code?: string,
  context: SignInContext = {},
): Promise<SignedIn | ChallengePending> {
  const at = context.now ?? clockNow();
  const failures = signInFailureBucket(username);
  const lockout = await rateExceeded(db, failures, signInFailureLimit(), at);
  if (!lockout.allowed) throw new SignInLocked(lockout.retryAfterSeconds);
  let next: Next;
  try {
    const first = await cognito().send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: authSettings().staffClientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    next = await nextOf(first, username);
    if (next.kind === 'step' && next.step === 'mfa-code') {
      if (!code) throw new SignInRefused('code-required');
      const second = await respond('SOFTWARE_TOKEN_MFA', next.poolSession, {
        USERNAME: next.username,
        SOFTWARE_TOKEN_MFA_CODE: code,
      });
      next = await nextOf(second, username);
    }
  } catch (error) {
    if (REFUSED.includes((error as Error).name)) {
      await countRateEvent(db, failures, signInFailureLimit(), at);
      throw new SignInRefused('credentials');
    }
    throw error;
  }
  if (next.kind === 'done') return finish(next.result, username);
  const challengeId = randomBytes(32).toString('base64url');
  const stored: StoredChallenge = {
    username: next.username,
    step: next.step,
    poolSession: next.poolSession,
    ...(next.secret ? { secret: next.secret } : {}),
    binding: context.binding ?? 'api',
    attempts: 0,
    version: 1,
    createdAt: at.toISOString(),
    validUntil: new Date(at.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
  };
  await createChallenge(db, challengeIdHash(challengeId), stored);
  return pendingOf(challengeId, stored);
}

/** The challenge as it stands, to show its page again (unknown, expired or another binding: gone). */
export async function currentChallenge(
  db: Db,
  challengeId: unknown,
  context: SignInContext = {},
): Promise<ChallengePending> {
  const { stored, id } = await loadChallenge(db, challengeId, context);
  return pendingOf(id, stored);
}

async function loadChallenge(
  db: Db,
  challengeId: unknown,
  context: SignInContext,
): Promise<{ stored: StoredChallenge; id: string; hash: string }> {
  if (!isChallengeId(challengeId)) throw new ChallengeGone('unknown');
  const hash = challengeIdHash(challengeId);
  const stored = await getChallenge(db, hash);
  if (!stored || stored.binding !== (context.binding ?? 'api')) throw new ChallengeGone('unknown');
  if ((context.now ?? clockNow()).getTime() >= Date.parse(stored.validUntil)) {
    await deleteChallenge(db, hash);
    throw new ChallengeGone('expired');
  }
  return { stored, id: challengeId, hash };
}

/**
 * Answers the challenge `challengeId` stands for: a new password (new-password) or a code from the
 * authenticator app (mfa-setup, mfa-code). Answers signed in, or the next challenge under the same id.
 */
export async function answerChallenge(
  db: Db,
  challengeId: unknown,
  answer: { newPassword?: string; code?: string },
  context: SignInContext = {},
): Promise<SignedIn | ChallengePending> {
  const { stored, id, hash } = await loadChallenge(db, challengeId, context);
  const pending = pendingOf(id, stored);
  const reject = (field: 'newPassword' | 'code', rule: ChallengeAnswerRejected['rule'], detail: string) =>
    new ChallengeAnswerRejected(field, rule, detail, pending);

  let poolAnswer: PoolAnswer;
  try {
    if (stored.step === 'new-password') {
      if (!answer.newPassword) throw reject('newPassword', 'required', 'a new password is required');
      poolAnswer = await respond('NEW_PASSWORD_REQUIRED', stored.poolSession, {
        USERNAME: stored.username,
        NEW_PASSWORD: answer.newPassword,
      });
    } else {
      if (!answer.code) throw reject('code', 'required', 'the code from the authenticator app is required');
      if (!/^\d{6}$/.test(answer.code)) throw reject('code', 'format', 'six digits');
      if (stored.step === 'mfa-setup') {
        const verified = await cognito().send(
          new VerifySoftwareTokenCommand({
            Session: stored.poolSession,
            UserCode: answer.code,
            FriendlyDeviceName: 'Authenticator app',
          }),
        );
        poolAnswer = await respond('MFA_SETUP', verified.Session ?? '', { USERNAME: stored.username });
      } else {
        poolAnswer = await respond('SOFTWARE_TOKEN_MFA', stored.poolSession, {
          USERNAME: stored.username,
          SOFTWARE_TOKEN_MFA_CODE: answer.code,
        });
      }
    }
  } catch (error) {
    const name = (error as Error).name;
    if (error instanceof ChallengeAnswerRejected) throw error;
    if (name === 'InvalidPasswordException') {
      // Cognito's message names the rule broken ("Password does not conform to policy: ...").
      const rule = (error as Error).message.replace(/^.*policy:\s*/i, '');
      throw reject('newPassword', 'password_policy', rule);
    }
    if (WRONG_CODE.includes(name)) {
      const attempts = stored.attempts + 1;
      if (attempts >= MAX_WRONG_ANSWERS) {
        await deleteChallenge(db, hash);
        throw new ChallengeGone('attempts');
      }
      if (!(await updateChallenge(db, hash, stored.version, { attempts })))
        throw new ChallengeGone('unknown');
      throw reject('code', 'mismatch', 'the code is not the one the authenticator app shows now');
    }
    // The pool's Session ran out (or was used up by an answer sent twice): start again.
    if (name === 'NotAuthorizedException' || name === 'ExpiredCodeException') {
      await deleteChallenge(db, hash);
      throw new ChallengeGone('expired');
    }
    throw error;
  }

  const next = await nextOf(poolAnswer, stored.username);
  if (next.kind === 'done') {
    await deleteChallenge(db, hash);
    return finish(next.result, stored.username);
  }
  const changes = {
    step: next.step,
    poolSession: next.poolSession,
    secret: next.secret,
    attempts: 0,
  };
  if (!(await updateChallenge(db, hash, stored.version, changes))) throw new ChallengeGone('unknown');
  return pendingOf(id, { ...stored, ...changes, ...(next.secret ? {} : { secret: undefined }) });
}
