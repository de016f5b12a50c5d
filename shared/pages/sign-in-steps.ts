import { renderSVG } from 'uqr';
import { CHALLENGE_MINUTES, type ChallengePending } from '../adapters/identity/sign-in';

// What the sign-in page shows for each step of a first sign-in after the password: choose a new
// password, set up the authenticator app, give a code. The reference in the hidden `challenge` field
// is all the browser holds; the user pool's Session stays in the table.

const TITLES: Record<ChallengePending['step'], string> = {
  'new-password': 'Choose a new password',
  'mfa-setup': 'Set up your authenticator app',
  'mfa-code': 'Enter your security code',
};

export const PASSWORD_RULES =
  'At least 14 characters, with upper and lower case letters, a number and a symbol';

export interface StepErrors {
  summary: { text: string; href: string }[];
  byField: Record<string, string>;
}

/** The QR code of the otpauth link, as an image the page's CSP allows (img-src data:). */
export function qrCodeDataUri(text: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(renderSVG(text, { ecc: 'M' })).toString('base64')}`;
}

export function stepErrors(byField: Record<string, string>): StepErrors {
  return {
    summary: Object.entries(byField).map(([field, text]) => ({ text, href: `#${field}` })),
    byField,
  };
}

export function stepPage(pending: ChallengePending, next: string, errors: StepErrors = stepErrors({})) {
  return {
    kind: 'page' as const,
    ...(errors.summary.length ? { status: 422 } : {}),
    template: 'sign-in-step',
    data: {
      title: TITLES[pending.step],
      step: pending.step,
      challengeId: pending.challengeId,
      next,
      passwordRules: PASSWORD_RULES,
      setupMinutes: CHALLENGE_MINUTES,
      ...(pending.setup ? { setup: { ...pending.setup, qrCode: qrCodeDataUri(pending.setup.uri) } } : {}),
      errors,
    },
  };
}
