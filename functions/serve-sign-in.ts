import { SignInRefused, signInStaff } from '../shared/http/auth/sign-in';
import { one } from '../shared/pages/forms';
import { pageHandler, safeNext } from '../shared/pages/handler';
import { endSession, startSession } from '../shared/pages/session';

// GET/POST /sign-in and POST /sign-out. Signing in checks the password exactly as POST /v1/session
// does (signInStaff), then starts a page session under a fresh cookie id.

const NOTES: Record<string, string> = {
  'draft-saved':
    'You were signed out after a period of inactivity. Your answers were saved as a draft: sign in to carry on.',
  'signed-out': 'You have signed out.',
};

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
        const signedIn = await signInStaff(username, password, code || undefined);
        if (signedIn.kind === 'signed-in') {
          await endSession(request.db, request.sessionId);
          const id = await startSession(request.db, signedIn.member.userId, request.now);
          return { kind: 'redirect', location: next || '/tasks', session: id };
        }
        byField.username = 'This account needs a new password or an authenticator set up first';
      } catch (error) {
        if (!(error instanceof SignInRefused)) throw error;
        if (error.reason === 'code-required') {
          askCode = true;
          byField.code = 'Enter the 6-digit code from your authenticator app, and your password again';
        } else {
          byField.username = `Enter a correct username, password${askCode ? ' and code' : ''}`;
        }
      }
    }
    const summary = Object.entries(byField).map(([field, text]) => ({ text, href: `#${field}` }));
    return {
      kind: 'page',
      status: 422,
      template: 'sign-in',
      data: { title: 'Sign in', next, values: { username }, askCode, errors: { summary, byField } },
    };
  },
  { access: 'anyone' },
);
