import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_ARNS } from '../../workflows/definitions';
import { stateMachineArn } from '../stack/environment';
import { RedriveError, redrive } from './redrive';

// `npm run admin -- <command>`: administration through the /v1/admin routes, against the local
// stack by default or a deployed stack with --api-url. It is an ordinary API client: every change
// goes through the same handlers, checks and audit trail as any other.

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  localities list
  staff list --area <locality|county> --role <role>
  staff add --id <username> --name <name> --email <email> --role <role> --area <locality|county> [--capacity <units>]
  staff update <id> [--role <role>] [--area <area>] [--capacity <units>] [--active true|false] [--name ..] [--email ..]
  staff deactivate <id>          (refused while they hold open cases: reallocate first)
  staff activate <id>
  partners list
  partners add --id <slug> --name <name> --type <police|school|housing|health|district-council|other>
               [--scopes "referrals/read referrals/write"] [--contact-email <email>]
  partners rotate-secret <id>    (prints the new secret once; the old one stops working)
  partners revoke <id>
  redrive <execution-arn|case-id>
                       restart a failed journey from the state that failed (Step Functions
                       RedriveExecution); a case id means its latest failed journey execution.
                       Locally through the engine (--sfn-url, default $SFN_LOCAL_PORT, 8083);
                       --aws uses your AWS credentials, with --journey-arn for a case id

Options:
  --api-url <url>      the API (default http://127.0.0.1:$API_PORT, port 3000)
  --token <token>      an administrator's bearer token (or SFW_ADMIN_TOKEN)
  --username <name> --password <password> [--code <6 digits>]
                       sign in as an administrator (default locally: the demo administrator
                       from <data dir>/demo-credentials.json); --code is the authenticator
                       app's code where the user pool asks for one (always on AWS)
  --data-dir <dir>     the local data directory (default $LOCAL_DATA_DIR or .local)
  --json               print the raw JSON answer
  --help`;

class CliError extends Error {}

const SIGN_IN_CHALLENGE = 'urn:sfw:problem:sign-in-challenge';

interface Problem {
  type?: string;
  challenge?: string;
  title?: string;
  detail?: string;
  status?: number;
  errors?: { path: string; rule: string; message: string }[];
}

function fail(message: string): never {
  throw new CliError(message);
}

async function call(apiUrl: string, token: string | undefined, method: string, path: string, body?: unknown) {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    fail(
      `Cannot reach the API at ${apiUrl} (${(error as Error).message}). Is the local stack running (npm start)?`,
    );
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const problem = (parsed ?? {}) as Problem;
    if (problem.type === SIGN_IN_CHALLENGE) {
      fail(
        `This account has not finished its first sign-in (${problem.challenge}). Sign in once on the staff pages at ${apiUrl}/sign-in to set it up, then run this again with --code.`,
      );
    }
    const fields = (problem.errors ?? []).map(
      (error) => `\n  ${error.path || '(body)'}: ${error.message} [${error.rule}]`,
    );
    fail(
      `${response.status} ${problem.title ?? 'Error'}${problem.detail ? `: ${problem.detail}` : ''}${fields.join('')}`,
    );
  }
  return parsed;
}

function demoAdministrator(dataDir: string): { username: string; password: string } | undefined {
  const file = join(dataDir, 'demo-credentials.json');
  if (!existsSync(file)) return undefined;
  const credentials = JSON.parse(readFileSync(file, 'utf8')) as {
    staff?: { username: string; password: string; role: string }[];
  };
  return credentials.staff?.find((member) => member.role === 'administrator');
}

async function administratorToken(
  apiUrl: string,
  options: { token?: string; username?: string; password?: string; code?: string; 'data-dir'?: string },
): Promise<string> {
  const token = options.token ?? process.env.SFW_ADMIN_TOKEN;
  if (token) return token;
  const dataDir = resolve(options['data-dir'] ?? process.env.LOCAL_DATA_DIR ?? '.local');
  const credentials =
    options.username && options.password
      ? { username: options.username, password: options.password }
      : demoAdministrator(dataDir);
  if (!credentials) {
    fail('Give --token, or --username and --password of an administrator (no demo credentials found).');
  }
  const session = (await call(apiUrl, undefined, 'POST', '/v1/session', {
    username: credentials.username,
    password: credentials.password,
    ...(options.code ? { code: options.code } : {}),
  })) as { token: string };
  return session.token;
}

function need(value: string | undefined, name: string): string {
  if (!value) fail(`--${name} is required. See --help.`);
  return value;
}

function boolean(value: string, name: string): boolean {
  if (value !== 'true' && value !== 'false') fail(`--${name} must be true or false`);
  return value === 'true';
}

function integer(value: string, name: string): number {
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number`);
  return Number(value);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'api-url': { type: 'string' },
        token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        code: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
        id: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        area: { type: 'string' },
        capacity: { type: 'string' },
        active: { type: 'string' },
        type: { type: 'string' },
        scopes: { type: 'string' },
        'contact-email': { type: 'string' },
        'sfn-url': { type: 'string' },
        'journey-arn': { type: 'string' },
        aws: { type: 'boolean' },
      },
    });
  } catch (error) {
    // parseArgs explains an unknown or valueless option well; drop its stack.
    fail(`${(error as Error).message}. See --help.`);
  }
}

export async function runAdmin(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parse(argv);
  const [group, action, target] = positionals;
  if (values.help || !group) {
    print(USAGE);
    return values.help ? 0 : 2;
  }
  const apiUrl = (values['api-url'] ?? `http://127.0.0.1:${process.env.API_PORT ?? 3000}`).replace(/\/$/, '');
  const show = (answer: unknown, summary: (value: any) => string) =>
    print(values.json ? JSON.stringify(answer, null, 2) : summary(answer));
  const token = () => administratorToken(apiUrl, values);
  const id = () => encodeURIComponent(need(target, 'id (after the command)'));

  if (group === 'redrive') {
    const where = values.aws
      ? { region: process.env.AWS_REGION ?? LOCAL_ARNS.region }
      : {
          region: LOCAL_ARNS.region,
          endpoint: (values['sfn-url'] ?? `http://127.0.0.1:${process.env.SFN_LOCAL_PORT ?? 8083}`).replace(
            /\/$/,
            '',
          ),
        };
    const journeyArn = values['journey-arn'] ?? (values.aws ? undefined : stateMachineArn('journey'));
    try {
      const answer = await redrive(need(action, 'execution ARN or case id (after redrive)'), {
        ...where,
        ...(journeyArn ? { journeyArn } : {}),
      });
      show(answer, (a) => `Redriven ${a.executionArn}: it continues from the state that failed.`);
      return 0;
    } catch (error) {
      if (error instanceof RedriveError) fail(error.message);
      throw error;
    }
  }

  switch (`${group} ${action ?? ''}`.trim()) {
    case 'localities list': {
      const answer = await call(apiUrl, await token(), 'GET', '/v1/admin/localities');
      show(answer, (a) => a.items.map((l: { id: string; name: string }) => `${l.id}\t${l.name}`).join('\n'));
      return 0;
    }
    case 'staff list': {
      const query = new URLSearchParams({ area: need(values.area, 'area'), role: need(values.role, 'role') });
      const answer = await call(apiUrl, await token(), 'GET', `/v1/admin/staff?${query}`);
      show(answer, (a) =>
        a.items
          .map(
            (w: any) =>
              `${w.id}\t${w.role}\t${w.area}\t${w.active ? 'active' : 'inactive'}\tload ${w.load}/${w.capacity}`,
          )
          .join('\n'),
      );
      return 0;
    }
    case 'staff add': {
      const body = {
        id: need(values.id, 'id'),
        name: need(values.name, 'name'),
        email: need(values.email, 'email'),
        role: need(values.role, 'role'),
        area: need(values.area, 'area'),
        ...(values.capacity ? { capacity: integer(values.capacity, 'capacity') } : {}),
      };
      const answer = await call(apiUrl, await token(), 'POST', '/v1/admin/staff', body);
      show(
        answer,
        (a) =>
          `Added ${a.staffMember.id} (${a.staffMember.role}, ${a.staffMember.area}).\nFirst password (shown once): ${a.initialPassword}`,
      );
      return 0;
    }
    case 'staff update':
    case 'staff deactivate':
    case 'staff activate': {
      const body: Record<string, unknown> = {};
      if (action === 'deactivate') body.active = false;
      if (action === 'activate') body.active = true;
      if (values.role) body.role = values.role;
      if (values.area) body.area = values.area;
      if (values.name) body.name = values.name;
      if (values.email) body.email = values.email;
      if (values.capacity) body.capacity = integer(values.capacity, 'capacity');
      if (values.active) body.active = boolean(values.active, 'active');
      if (Object.keys(body).length === 0)
        fail('Nothing to change: give --role, --area, --capacity, --active, --name or --email.');
      const answer = await call(apiUrl, await token(), 'PATCH', `/v1/admin/staff/${id()}`, body);
      show(
        answer,
        (w) => `${w.id}: ${w.role}, ${w.area}, capacity ${w.capacity}, ${w.active ? 'active' : 'inactive'}`,
      );
      return 0;
    }
    case 'partners list': {
      const answer = await call(apiUrl, await token(), 'GET', '/v1/admin/partners');
      show(answer, (a) =>
        a.items
          .map(
            (p: any) =>
              `${p.id}\t${p.organisationType}\t${p.clientId}\t${p.scopes.join(' ')}\t${p.active ? 'active' : 'revoked'}`,
          )
          .join('\n'),
      );
      return 0;
    }
    case 'partners add': {
      const body = {
        id: need(values.id, 'id'),
        name: need(values.name, 'name'),
        organisationType: need(values.type, 'type'),
        scopes: (values.scopes ?? 'referrals/read referrals/write').split(/[\s,]+/).filter(Boolean),
        ...(values['contact-email'] ? { contactEmail: values['contact-email'] } : {}),
      };
      const answer = await call(apiUrl, await token(), 'POST', '/v1/admin/partners', body);
      show(
        answer,
        (a) =>
          `Registered ${a.partner.id}.\nClient id: ${a.clientId}\nClient secret (shown once): ${a.clientSecret}`,
      );
      return 0;
    }
    case 'partners rotate-secret': {
      const answer = await call(apiUrl, await token(), 'POST', `/v1/admin/partners/${id()}/rotate-secret`);
      show(
        answer,
        (a) => `New secret for ${a.partner.id} (shown once; the old one no longer works): ${a.clientSecret}`,
      );
      return 0;
    }
    case 'partners revoke': {
      const answer = await call(apiUrl, await token(), 'POST', `/v1/admin/partners/${id()}/revoke`);
      show(answer, (p) => `Revoked ${p.id}: its tokens stop working now.`);
      return 0;
    }
    default:
      fail(`Unknown command "${positionals.join(' ')}". See --help.`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAdmin(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof CliError ? error.message : error);
      process.exit(1);
    },
  );
}
