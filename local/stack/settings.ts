import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

// What `npm start` runs with: each setting from its flag, else its environment variable (the names in
// CONTRACT.md), else the default. A bad value stops the start with the flag and variable named.

export interface StackSettings {
  apiPort: number;
  sfnPort: number;
  dynamodbPort: number;
  sesPort: number;
  s3Port: number;
  /** Absolute path of the data directory. */
  dataDir: string;
  virtualClock: boolean;
  /** Where a new virtual clock starts (ISO); unset = now. A resumed data directory keeps its clock. */
  startTime?: string;
  reset: boolean;
  host: string;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export const PORT_SETTINGS = [
  { key: 'apiPort', flag: 'api-port', variable: 'API_PORT', fallback: 3000, part: 'API and staff pages' },
  {
    key: 'sfnPort',
    flag: 'sfn-port',
    variable: 'SFN_LOCAL_PORT',
    fallback: 8083,
    part: 'Step Functions engine',
  },
  {
    key: 'dynamodbPort',
    flag: 'dynamodb-port',
    variable: 'DYNAMODB_PORT',
    fallback: 8000,
    part: 'DynamoDB Local',
  },
  { key: 'sesPort', flag: 'ses-port', variable: 'SES_PORT', fallback: 8005, part: 'local SES inbox' },
  { key: 's3Port', flag: 's3-port', variable: 'S3_PORT', fallback: 4568, part: 'local S3 (case documents)' },
] as const;

export type PortKey = (typeof PORT_SETTINGS)[number]['key'];

export const USAGE = `Usage: npm start -- [options]

  --virtual-clock        run on a clock moved by POST /_local/clock (or SFN_VIRTUAL_CLOCK=1)
  --start-time ISO       where a new virtual clock starts (default: now)
  --reset                wipe the data directory first
  --data-dir DIR         where data is kept (LOCAL_DATA_DIR, default .local/)
  --api-port N           API and staff pages (API_PORT, default 3000)
  --sfn-port N           Step Functions engine (SFN_LOCAL_PORT, default 8083)
  --dynamodb-port N      DynamoDB Local (DYNAMODB_PORT, default 8000)
  --ses-port N           local SES and its inbox (SES_PORT, default 8005)
  --s3-port N            local S3 for case documents (S3_PORT, default 4568)
  --help`;

function port(raw: string, flag: string, variable: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new SettingsError(`--${flag} / ${variable}: ${JSON.stringify(raw)} is not a port number (1-65535)`);
  }
  return value;
}

function truthy(raw: string | undefined): boolean {
  return raw !== undefined && ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
}

/** Reads the flags and environment; `help` is true when --help was asked. */
export function resolveSettings(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): { settings: StackSettings; help: boolean } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        'virtual-clock': { type: 'boolean' },
        'start-time': { type: 'string' },
        reset: { type: 'boolean' },
        'data-dir': { type: 'string' },
        'api-port': { type: 'string' },
        'sfn-port': { type: 'string' },
        'dynamodb-port': { type: 'string' },
        'ses-port': { type: 'string' },
        's3-port': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new SettingsError(`${(error as Error).message}\n\n${USAGE}`);
  }

  const ports = {} as Record<PortKey, number>;
  for (const setting of PORT_SETTINGS) {
    const raw = (values[setting.flag] as string | undefined) ?? env[setting.variable];
    ports[setting.key] =
      raw === undefined || raw === '' ? setting.fallback : port(raw, setting.flag, setting.variable);
  }
  const taken = new Map<number, string>();
  for (const setting of PORT_SETTINGS) {
    const other = taken.get(ports[setting.key]);
    if (other) {
      throw new SettingsError(
        `--${setting.flag} / ${setting.variable}: port ${ports[setting.key]} is also given to ${other}`,
      );
    }
    taken.set(ports[setting.key], `--${setting.flag} / ${setting.variable}`);
  }

  const startTime = (values['start-time'] as string | undefined) ?? env.SFN_START_TIME;
  if (startTime !== undefined && Number.isNaN(Date.parse(startTime))) {
    throw new SettingsError(`--start-time: ${JSON.stringify(startTime)} is not an ISO date-time`);
  }
  const dataDir = (values['data-dir'] as string | undefined) ?? env.LOCAL_DATA_DIR ?? '.local';
  if (dataDir.trim() === '') throw new SettingsError('--data-dir / LOCAL_DATA_DIR: empty');

  return {
    help: values.help === true,
    settings: {
      ...ports,
      dataDir: resolve(cwd, dataDir),
      virtualClock: values['virtual-clock'] === true || truthy(env.SFN_VIRTUAL_CLOCK),
      ...(startTime ? { startTime: new Date(startTime).toISOString() } : {}),
      reset: values.reset === true,
      host: '127.0.0.1',
    },
  };
}
