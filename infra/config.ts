import * as z from 'zod';

// Deployment settings come from cdk.json context (or `cdk deploy -c key=value`); nothing here is a
// secret or an account id. A bad value fails the synth with the key at fault.

const email = z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address');

/** `-c key=value` arrives as a string; cdk.json gives JSON values. */
const list = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return [];
  return trimmed.startsWith('[') ? JSON.parse(trimmed) : trimmed.split(',').map((s) => s.trim());
}, z.array(z.string()));

const integer = z.preprocess(
  (value) => (typeof value === 'string' ? Number(value) : value),
  z.number().int(),
);

// CloudWatch Logs accepts only these retention periods.
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const deploymentConfigSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,11}$/, 'must be lower-case letters, digits and hyphens, at most 12 characters'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-2'),
  // No default: a wrong From address makes every email fail, so the synth asks for it.
  senderAddress: z
    .string({ error: 'required: pass -c senderAddress=<the From address of task emails>' })
    .pipe(email),
  /**
   * The SES sender is verified: Cognito then sends its emails through it. Cognito refuses an
   * unverified identity, so a first deploy goes without (and Cognito's default sender).
   */
  senderVerified: z.preprocess(
    (value) => (typeof value === 'string' ? value === 'true' : value),
    z.boolean(),
  ),
  /** Verify this domain (Easy DKIM) instead of the single sender address. */
  senderDomain: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/)
    .optional(),
  allowedOrigins: list.pipe(
    z.array(z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/, 'each origin must be https://host[:port]')),
  ),
  alarmEmail: z.union([z.literal(''), email]),
  logRetentionDays: integer.refine((days) => RETENTION_DAYS.includes(days), {
    message: `must be one of ${RETENTION_DAYS.join(', ')}`,
  }),
  /** Prefix of the Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`); default `sfw-<stage>-<account id>`. */
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
    .optional(),
  /** Base URL of the staff pages when served from a custom domain; default the API's own URL. */
  pagesBaseUrl: z.string().url().optional(),
});

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;

export const DEFAULTS = {
  stage: 'dev',
  region: 'eu-west-2',
  allowedOrigins: [],
  alarmEmail: '',
  senderVerified: false,
  logRetentionDays: 90,
} as const;

/** Reads and validates the settings; `get` is `(key) => app.node.tryGetContext(key)`. */
export function readDeploymentConfig(get: (key: string) => unknown): DeploymentConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(deploymentConfigSchema.shape)) {
    const value = get(key);
    const fallback = (DEFAULTS as Record<string, unknown>)[key];
    raw[key] = value === undefined || value === null ? fallback : value;
  }
  const result = deploymentConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  context '${issue.path.join('.')}': ${issue.message}`,
    );
    throw new Error(`Invalid deployment settings (cdk.json context or -c):\n${problems.join('\n')}`);
  }
  const config = result.data;
  if (!isDevStage(config.stage) && config.alarmEmail === '') {
    throw new Error(
      `Invalid deployment settings (cdk.json context or -c):\n  context 'alarmEmail': required for stage '${config.stage}' (only dev stages may go without): pass -c alarmEmail=<address that receives alarms>`,
    );
  }
  return config;
}

/**
 * A developer's own stage (`dev`, `dev-<name>`): may go without alarm emails, and its data goes
 * with its stacks. Every other stage keeps its data and identities when its stacks are deleted.
 */
export function isDevStage(stage: string): boolean {
  return stage === 'dev' || stage.startsWith('dev-');
}

/** Production: its stacks carry termination protection. */
export function isProductionStage(stage: string): boolean {
  return stage === 'prod';
}

/** Physical names start with this, so two stages can share an account. */
export function namePrefix(config: Pick<DeploymentConfig, 'stage'>): string {
  return `sfw-${config.stage}`;
}
