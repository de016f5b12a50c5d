import {
  answerChallenge,
  ChallengeAnswerRejected,
  ChallengeGone,
  type ChallengePending,
  currentChallenge,
  SignInLocked,
  SignInRefused,
  type SignedIn,
  signInStaff,
} from '../shared/adapters/identity/sign-in';
import { takeRateToken } from '../shared/adapters/data/rate-limits';
import { signInCallerBucket, signInRateLimit } from '../shared/adapters/identity/sign-in-limits';
import { one } from '../shared/pages/forms';
import { type PageOutcome, type PageRequest, pageHandler, safeNext } from '../shared/pages/handler';
import { endSession, sessionIdHash, startSession } from '../shared/pages/session';
import { stepErrors, stepPage } from '../shared/pages/sign-in-steps';

// GET/POST /sign-in and POST /sign-out. Signing in checks the password exactly as POST /v1/session
// does (signInStaff), then starts a page session under a fresh cookie id. A first sign-in goes on
// through the user pool's challenges (new password, authenticator set-up, code), each a form posted
// back to /sign-in with the challenge's reference, tied to this browser's cookie.

const NOTES: Record<string, string> = {
  'draft-saved':
    'You were signed out after a period of inactivity. Your answers were saved as a draft: sign in to carry on.',
  'signed-out': 'You have signed out.',
};

const GONE: Record<ChallengeGone['reason'], string> = {
  unknown: 'Your sign-in could not be continued. Sign in again',
  expired: 'Your sign-in took too long to finish. Sign in again to get a new set-up',
  attempts: 'Too many codes were not accepted. Sign in again to get a new set-up',
};

const CODE_MESSAGES: Record<string, string> = {
  required: 'Enter the 6-digit code from your authenticator app',
  format: 'Enter the code as 6 digits, for example 123456',
  mismatch: 'That code was not accepted: enter the code the app shows now',
};

function signInForm(
  next: string,
  values: Record<string, string>,
  byField: Record<string, string>,
  askCode = false,
): PageOutcome {
  return {
    kind: 'page',
    status: 422,
    template: 'sign-in',
    data: { title: 'Sign in', next, values, askCode, errors: stepErrors(byField) },
  };
}

/** A 429 page: this connection has tried too often, or this account has failed too often. */
function tryLater(retryAfterSeconds: number, why: string): PageOutcome {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return {
    kind: 'page',
    template: 'error',
    status: 429,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    data: {
      title: 'Please try again later',
      message: `${why} Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    },
  };
}

async function signedInTo(request: PageRequest, signedIn: SignedIn, next: string): Promise<PageOutcome> {
  await endSession(request.db, request.sessionId);
  const id = await startSession(request.db, signedIn.member.userId, request.now);
  return { kind: 'redirect', location: next || '/tasks', session: id };
}

/** A step of a first sign-in answered: the new password (typed twice) or a code. */
async function answerStep(request: PageRequest, next: string): Promise<PageOutcome> {
  const context = { now: request.now, binding: sessionIdHash(request.sessionId ?? '') };
  const challengeId = one(request.form, 'challenge');
  const newPassword = typeof request.form.newPassword === 'string' ? request.form.newPassword : '';
  const confirm = typeof request.form.confirmPassword === 'string' ? request.form.confirmPassword : '';
  const code = one(request.form, 'code').replace(/\s/g, '');
  try {
    let result: SignedIn | ChallengePending;
    if ('newPassword' in request.form) {
      const byField: Record<string, string> = {};
      if (!newPassword) byField.newPassword = 'Enter a new password';
      else if (newPassword.length > 256) byField.newPassword = 'Enter a password of 256 characters or fewer';
      if (newPassword && !confirm) byField.confirmPassword = 'Enter the new password again';
      else if (newPassword && confirm !== newPassword) byField.confirmPassword = 'The passwords do not match';
      if (Object.keys(byField).length) {
        return stepPage(await currentChallenge(request.db, challengeId, context), next, stepErrors(byField));
      }
      result = await answerChallenge(request.db, challengeId, { newPassword }, context);
    } else {
      result = await answerChallenge(request.db, challengeId, { code }, context);
    }
    if (result.kind === 'signed-in') return await signedInTo(request, result, next);
    return stepPage(result, next);
  } catch (error) {
    if (error instanceof ChallengeAnswerRejected) {
      const text =
        error.field === 'code'
          ? (CODE_MESSAGES[error.rule] ?? CODE_MESSAGES.mismatch!)
          : error.rule === 'password_policy'
            ? `Choose a password that meets the rules: ${error.detail}`
            : 'Enter a new password';
      return stepPage(error.pending, next, stepErrors({ [error.field]: text }));
    }
    if (error instanceof ChallengeGone) return signInForm(next, {}, { username: GONE[error.reason] });
    if (error instanceof SignInRefused) {
      return signInForm(next, {}, { username: 'Enter a correct username and password' });
    }
    throw error;
  }
}

export const handler = pageHandler(
  async (request) => {
    const route = request.view.routeKey;
    if (route === 'POST /sign-out') {
      await endSession(request.db, request.sessionId);
      return { kind: 'redirect', location: '/sign-in?note=signed-out', session: null };
    }
    const next = safeNext(request.method === 'POST' ? one(request.form, 'next') : request.query.next) ?? '';
    if (request.method === 'GET') {
      if (request.staff) return { kind: 'redirect', location: next || '/tasks' };
      const note = NOTES[request.query.note ?? ''];
      return {
        kind: 'page',
        template: 'sign-in',
        data: { title: 'Sign in', next, values: {}, errors: { summary: [], byField: {} }, notice: note },
      };
    }
    // Per caller, first: one connection guessing cannot lock every member of staff out.
    const decision = await takeRateToken(
      request.db,
      signInCallerBucket(request.view.sourceIp),
      signInRateLimit(),
      request.now,
    );
    if (!decision.allowed) {
      return tryLater(
        decision.retryAfterSeconds,
        'There have been too many sign-in attempts from your connection.',
      );
    }
    if ('challenge' in request.form) return answerStep(request, next);
    const username = one(request.form, 'username');
    const password = typeof request.form.password === 'string' ? request.form.password : '';
    const code = one(request.form, 'code');
    let askCode = Boolean(code);
    const byField: Record<string, string> = {};
    if (!username) byField.username = 'Enter your username';
    if (!password) byField.password = 'Enter your password';
    if (username.length > 128 || password.length > 256) byField.username = 'Enter a valid username';
    if (code && !/^\d{6}$/.test(code)) byField.code = 'Enter the 6-digit code from your authenticator app';
    if (Object.keys(byField).length === 0) {
      try {
        const result = await signInStaff(request.db, username, password, code || undefined, {
          now: request.now,
          binding: sessionIdHash(request.sessionId ?? ''),
        });
        if (result.kind === 'signed-in') return await signedInTo(request, result, next);
        return stepPage(result, next);
      } catch (error) {
        if (error instanceof SignInLocked) {
          return tryLater(
            error.retryAfterSeconds,
            'There have been too many failed sign-ins for this account.',
          );
        }
        if (!(error instanceof SignInRefused)) throw error;
        if (error.reason === 'code-required') {
          askCode = true;
          byField.code = 'Enter the 6-digit code from your authenticator app, and your password again';
        } else {
          byField.username = `Enter a correct username, password${askCode ? ' and code' : ''}`;
        }
      }
    }
    return signInForm(next, { username }, byField, askCode);
  },
  { access: 'anyone' },
);
