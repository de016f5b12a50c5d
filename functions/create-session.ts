import {
  answerChallenge,
  ChallengeAnswerRejected,
  ChallengeGone,
  type ChallengePending,
  SignInLocked,
  SignInRefused,
  type SignedIn,
  signInStaff,
} from '../shared/adapters/identity/sign-in';
import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { takeRateToken } from '../shared/adapters/data/rate-limits';
import { signInCallerBucket, signInRateLimit } from '../shared/adapters/identity/sign-in-limits';
import { publicHttpHandler } from '../shared/http/handler';
import { HttpProblem, tooManyRequests, unauthenticated } from '../shared/http/problem';
import { sessionChallengeAnswerSchema, sessionRequestSchema } from '../shared/http/views';
import { parseOrThrow } from '../shared/core/schemas/errors';

// Staff sign-in for the API; the staff pages sign in through the same signInStaff. A first sign-in's
// challenges (new password, authenticator set-up) come back as a 401 naming the challenge and a
// `session` reference; the client answers with `{session, newPassword}` or `{session, code}`.

const CHALLENGE_TYPE = 'urn:sfw:problem:sign-in-challenge';
const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer' };

const CHALLENGE_DETAIL: Record<ChallengePending['step'], string> = {
  'new-password': 'Choose a new password: send `session` and `newPassword`',
  'mfa-setup':
    'Add `secretCode` to an authenticator app, then send `session` and the six-digit `code` it shows',
  'mfa-code': 'Send `session` and the six-digit `code` from your authenticator app',
};

const GONE: Record<ChallengeGone['reason'], string> = {
  unknown: 'no sign-in is waiting under this reference',
  expired: 'the sign-in ran out of time',
  attempts: 'too many wrong codes',
};

const codeRequired = () =>
  new HttpProblem(401, 'Give the six-digit code from your authenticator app as `code`', {
    errors: [{ path: 'code', rule: 'required', message: 'a one-time code is required' }],
    headers: WWW_AUTHENTICATE,
  });

function challengeProblem(pending: ChallengePending, errors?: ChallengeAnswerRejected) {
  return new HttpProblem(401, CHALLENGE_DETAIL[pending.step], {
    type: CHALLENGE_TYPE,
    headers: WWW_AUTHENTICATE,
    ...(errors ? { errors: [{ path: errors.field, rule: errors.rule, message: errors.detail }] } : {}),
    extensions: {
      challenge: pending.step,
      session: pending.challengeId,
      validUntil: pending.validUntil,
      ...(pending.setup ? { secretCode: pending.setup.secret, otpauthUri: pending.setup.uri } : {}),
    },
  });
}

function signedInBody({ accessToken, expiresIn, member }: SignedIn) {
  return {
    status: 201,
    body: {
      token: accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: { id: member.userId, role: member.role, area: member.area },
    },
  };
}

const isAnswer = (body: unknown) => typeof body === 'object' && body !== null && 'session' in body;

/** Locked usernames and unknown ones get the same answer (SignInLocked). */
const lockedOut = (retryAfterSeconds: number) =>
  new HttpProblem(429, 'Too many failed sign-ins for this account: try again later', {
    headers: tooManyRequests(retryAfterSeconds).headers,
  });

export const handler = publicHttpHandler(async ({ body, principal }) => {
  // Per caller, before anything else: one client guessing cannot slow anyone else down.
  const sourceIp = principal.kind === 'public' ? principal.sourceIp : 'unknown';
  const decision = await takeRateToken(defaultDb(), signInCallerBucket(sourceIp), signInRateLimit(), now());
  if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
  try {
    let result: SignedIn | ChallengePending;
    if (isAnswer(body)) {
      const { session, newPassword, code } = parseOrThrow(sessionChallengeAnswerSchema, body);
      result = await answerChallenge(defaultDb(), session, { newPassword, code });
    } else {
      const { username, password, code } = parseOrThrow(sessionRequestSchema, body);
      result = await signInStaff(defaultDb(), username, password, code);
    }
    if (result.kind === 'challenge') throw challengeProblem(result);
    return signedInBody(result);
  } catch (error) {
    // A wrong answer is a field error; the challenge stands and can be answered again.
    if (error instanceof ChallengeAnswerRejected) {
      throw new HttpProblem(422, 'That answer was not accepted: correct the field and send it again', {
        errors: [{ path: error.field, rule: error.rule, message: error.detail }],
        extensions: { challenge: error.pending.step, session: error.pending.challengeId },
      });
    }
    if (error instanceof ChallengeGone) {
      throw new HttpProblem(401, 'This sign-in has ended or is unknown: sign in with your password again', {
        errors: [{ path: 'session', rule: error.reason, message: GONE[error.reason] }],
        headers: WWW_AUTHENTICATE,
      });
    }
    if (error instanceof SignInLocked) throw lockedOut(error.retryAfterSeconds);
    if (!(error instanceof SignInRefused)) throw error;
    if (error.reason === 'code-required') throw codeRequired();
    throw unauthenticated('Incorrect username, password or code');
  }
});
