// The one reader of environment variables. Every variable the shared code reads is named here with
// what it is and who sets it, so a missing one fails with a message that says how to fix it, and a
// misspelt name is a type error. Read on each use (never cached at import), so a test or the local
// stack can set a variable after the module is loaded.

const VARIABLES = {
  TABLE_NAME: 'the domain table (set by the Api/Workflows stacks; locally by `npm start`)',
  IDEMPOTENCY_TABLE_NAME: 'the idempotency table (set by the stacks for idempotent handlers)',
  JOURNEY_STATE_MACHINE_ARN: 'the journey state machine (set by the Workflows stack)',
  HUMAN_TASK_STATE_MACHINE_ARN:
    'the human-task state machine, for handlers that start a plan action’s own chase (set by the stacks for `startsExecutions: [human-task]`)',
  SENDER_ADDRESS: 'the verified address emails come from (`cdk deploy -c senderAddress=...`)',
  PAGES_BASE_URL:
    'the staff pages’ public URL, for links in emails (set by the stacks when `-c pagesBaseUrl` is given; the Workflows stack otherwise passes the API’s URL, and the API’s own handlers learn it from the requests they serve)',
  SES_CONFIGURATION_SET: 'the SES configuration set that reports bounces (optional)',
  AUTH_ISSUER: 'the token issuer, the Cognito user pool URL (set by the Identity stack)',
  AUTH_JWKS_URI: 'the issuer’s signing keys (optional: derived from AUTH_ISSUER)',
  USER_POOL_ID: 'the Cognito user pool (set by the Identity stack)',
  STAFF_CLIENT_ID: 'the staff pages’ Cognito app client (set by the Identity stack)',
  MATCH_KEY:
    'the family-match index key (set by the stacks from the `<prefix>-match-key` secret; locally a fixed development key; changing it means re-indexing)',
  DOCUMENTS_BUCKET:
    'the case documents bucket (set by the stacks for handlers granted `documents`; locally by `npm start`)',
  STAGE: 'the deployment stage, e.g. prod or dev (set by the stacks; `local` under `npm start`)',
  SELF_REFERRAL_RATE_LIMIT: 'self-referrals allowed per address and window (optional, default 10)',
  SELF_REFERRAL_RATE_WINDOW_SECONDS: 'the self-referral window (optional, default 3600)',
  SIGN_IN_RATE_LIMIT: 'sign-in attempts per address and window (optional, default 30)',
  SIGN_IN_RATE_WINDOW_SECONDS: 'the sign-in window (optional, default 300)',
  SIGN_IN_FAILURE_LIMIT: 'wrong answers before a staff member is locked out (optional, default 5)',
  SIGN_IN_LOCKOUT_SECONDS: 'how long a lockout lasts (optional, default 900)',
  AWS_REGION: 'the AWS region (set by Lambda)',
  AWS_DEFAULT_REGION: 'the AWS region (the CLI’s name for it)',
  AWS_ENDPOINT_URL: 'one endpoint for every AWS service (the local stack)',
  AWS_ACCESS_KEY_ID: 'AWS credentials',
  AWS_PROFILE: 'AWS credentials profile',
} as const;

export type EnvironmentVariable = keyof typeof VARIABLES;

/** Environments the reader can read: the process's, or one a test passes. */
export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

export class MissingEnvironmentError extends Error {
  constructor(
    readonly variable: string,
    problem = 'is not set',
  ) {
    const what = (VARIABLES as Record<string, string>)[variable];
    super(`${variable} ${problem}${what ? `: ${what}` : ''}`);
    this.name = 'MissingEnvironmentError';
  }
}

/** A variable that must be set (empty counts as missing). */
export function requiredEnv(name: EnvironmentVariable, source: EnvironmentSource = process.env): string {
  const value = source[name];
  if (!value) throw new MissingEnvironmentError(name);
  return value;
}

/** A variable that may be missing or empty (undefined then). */
export function optionalEnv(
  name: EnvironmentVariable | `AWS_ENDPOINT_URL_${string}`,
  source: EnvironmentSource = process.env,
): string | undefined {
  return source[name] || undefined;
}

/** A whole number with a default; anything else set is refused rather than read as NaN. */
export function numberEnv(
  name: EnvironmentVariable,
  fallback: number,
  source: EnvironmentSource = process.env,
): number {
  const value = source[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new MissingEnvironmentError(name, `is ${JSON.stringify(value)}, not a whole number`);
  }
  return parsed;
}
