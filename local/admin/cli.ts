import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { apiClient, type paths, type Schemas } from '../api-client/client';
import { LOCAL_ARNS } from '../../workflows/definitions';
import { stateMachineArn } from '../stack/environment';
import { RedriveError, redrive } from './redrive';

// `npm run admin -- <command>`: administration through the /v1/admin routes, against the local
// stack by default or a deployed stack with --api-url. It is an ordinary API client: every change
// goes through the same handlers, checks and audit trail as any other. Its requests are typed by the
// client generated from the published OpenAPI document (local/api-client), not written by hand.

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
  cases export <case-id|reference> --out <file> [--person "<given> <family>"] [--html]
                       a subject access export: the case, its tasks, every version of its
                       record, the audit trail and who viewed it, with what may concern third
                       parties marked for review (--person names the subject; others are third
                       parties); JSON, or a printable page with --html. Written to --out (0600),
                       never printed; the export is audited
  people export --given-name <name> --family-name <name> --dob <YYYY-MM-DD> --out <file>
                       a subject access export of one person: every case with a family member of
                       that name and date of birth, each exported whole with the others in it marked
                       as third parties (JSON; print a case with "cases export <ref> --html --person").
                       Written to --out (0600), never printed; the search and each export are audited
  match-index rebuild  re-index every record held for family matching, batch by batch (after an
                       upgrade from the open-case index, or a new MATCH_KEY); safe to repeat
  retention reindex    give the cases that ended before the retention index their keys in it, batch
                       by batch, so the retention sweep finds them (the sweep also does this by
                       itself before its first run after an upgrade); safe to repeat
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

type JsonBody<Operation> = Operation extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : never;
type NewStaffMember = JsonBody<paths['/v1/admin/staff']['post']>;
type StaffChange = JsonBody<paths['/v1/admin/staff/{id}']['patch']>;
type NewPartner = JsonBody<paths['/v1/admin/partners']['post']>;
type Problem = Schemas['Problem'] & { challenge?: string };

function fail(message: string): never {
  throw new CliError(message);
}

/** Awaits a generated client's call: its data, or a CliError saying what the problem answer says. */
async function answer<T>(
  apiUrl: string,
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    fail(
      `Cannot reach the API at ${apiUrl} (${(error as Error).message}). Is the local stack running (npm start)?`,
    );
  }
  if (!result.response.ok) {
    const problem = (result.error ?? {}) as Problem;
    if (problem.type === SIGN_IN_CHALLENGE) {
      fail(
        `This account has not finished its first sign-in (${problem.challenge}). Sign in once on the staff pages at ${apiUrl}/sign-in to set it up, then run this again with --code.`,
      );
    }
    const fields = (problem.errors ?? []).map(
      (error) => `\n  ${error.path || '(body)'}: ${error.message} [${error.rule}]`,
    );
    fail(
      `${result.response.status} ${problem.title ?? 'Error'}${problem.detail ? `: ${problem.detail}` : ''}${fields.join('')}`,
    );
  }
  return result.data as T;
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
  const session = await answer(
    apiUrl,
    apiClient(apiUrl).POST('/v1/session', {
      body: {
        username: credentials.username,
        password: credentials.password,
        ...(options.code ? { code: options.code } : {}),
      },
    }),
  );
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
        out: { type: 'string' },
        person: { type: 'string' },
        html: { type: 'boolean' },
        'given-name': { type: 'string' },
        'family-name': { type: 'string' },
        dob: { type: 'string' },
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
  const show = <T>(result: T, summary: (value: T) => string) =>
    print(values.json ? JSON.stringify(result, null, 2) : summary(result));
  const client = async () => apiClient(apiUrl, await administratorToken(apiUrl, values));
  const id = () => need(target, 'id (after the command)');

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
      show(answer, (a) =>
        [
          ...a.redriven
            .filter((arn) => arn !== a.executionArn)
            .map((arn) => `Redriven ${arn} first: the child execution whose failure failed the journey.`),
          `Redriven ${a.executionArn}: it continues from the state that failed.`,
        ].join('\n'),
      );
      return 0;
    } catch (error) {
      if (error instanceof RedriveError) fail(error.message);
      throw error;
    }
  }

  switch (`${group} ${action ?? ''}`.trim()) {
    case 'localities list': {
      const result = await answer(apiUrl, (await client()).GET('/v1/admin/localities'));
      show(result, (a) => a.items.map((l) => `${l.id}\t${l.name}`).join('\n'));
      return 0;
    }
    case 'staff list': {
      const query = {
        area: need(values.area, 'area') as NewStaffMember['area'],
        role: need(values.role, 'role') as NewStaffMember['role'],
      };
      const result = await answer(apiUrl, (await client()).GET('/v1/admin/staff', { params: { query } }));
      show(result, (a) =>
        a.items
          .map(
            (w) =>
              `${w.id}\t${w.role}\t${w.area}\t${w.active ? 'active' : 'inactive'}\tload ${w.load}/${w.capacity}`,
          )
          .join('\n'),
      );
      return 0;
    }
    case 'staff add': {
      const body: NewStaffMember = {
        id: need(values.id, 'id'),
        name: need(values.name, 'name'),
        email: need(values.email, 'email'),
        role: need(values.role, 'role') as NewStaffMember['role'],
        area: need(values.area, 'area') as NewStaffMember['area'],
        ...(values.capacity ? { capacity: integer(values.capacity, 'capacity') } : {}),
      };
      const result = await answer(apiUrl, (await client()).POST('/v1/admin/staff', { body }));
      show(
        result,
        (a) =>
          `Added ${a.staffMember.id} (${a.staffMember.role}, ${a.staffMember.area}).\nTemporary password (shown once; they choose their own at the first sign-in): ${a.initialPassword}`,
      );
      return 0;
    }
    case 'staff update':
    case 'staff deactivate':
    case 'staff activate': {
      const body: StaffChange = {};
      if (action === 'deactivate') body.active = false;
      if (action === 'activate') body.active = true;
      if (values.role) body.role = values.role as StaffChange['role'];
      if (values.area) body.area = values.area as StaffChange['area'];
      if (values.name) body.name = values.name;
      if (values.email) body.email = values.email;
      if (values.capacity) body.capacity = integer(values.capacity, 'capacity');
      if (values.active) body.active = boolean(values.active, 'active');
      if (Object.keys(body).length === 0)
        fail('Nothing to change: give --role, --area, --capacity, --active, --name or --email.');
      const result = await answer(
        apiUrl,
        (await client()).PATCH('/v1/admin/staff/{id}', { params: { path: { id: id() } }, body }),
      );
      show(
        result,
        (w) => `${w.id}: ${w.role}, ${w.area}, capacity ${w.capacity}, ${w.active ? 'active' : 'inactive'}`,
      );
      return 0;
    }
    case 'cases export': {
      const out = need(values.out, 'out');
      const query = {
        format: values.html ? 'html' : 'json',
        ...(values.person ? { person: values.person } : {}),
      } as const;
      const request = (await client()).GET('/v1/admin/cases/{id}/export', {
        params: { path: { id: id() }, query },
        ...(values.html ? { parseAs: 'text' as const } : {}),
      });
      const result = await answer(apiUrl, request);
      // Personal data: written for the person answering the request only, never to the terminal.
      writeFileSync(out, typeof result === 'string' ? result : JSON.stringify(result, null, 2), {
        mode: 0o600,
      });
      print(`Wrote the export of ${target} to ${out}. Review the marked items before disclosing anything.`);
      return 0;
    }
    case 'people export': {
      const out = need(values.out, 'out');
      const body = {
        givenName: need(values['given-name'], 'given-name'),
        familyName: need(values['family-name'], 'family-name'),
        dateOfBirth: need(values.dob, 'dob'),
      };
      const result = await answer(apiUrl, (await client()).POST('/v1/admin/subject-access', { body }));
      // Personal data: written for the person answering the request only, never to the terminal.
      writeFileSync(out, JSON.stringify(result, null, 2), { mode: 0o600 });
      const references = result.cases.map((one) => String(one.case.reference)).join(', ');
      print(
        `Wrote ${result.cases.length} case${result.cases.length === 1 ? '' : 's'} naming this person to ${out}${references ? ` (${references})` : ''}. Review the marked items before disclosing anything.`,
      );
      return 0;
    }
    case 'partners list': {
      const result = await answer(apiUrl, (await client()).GET('/v1/admin/partners'));
      show(result, (a) =>
        a.items
          .map(
            (p) =>
              `${p.id}\t${p.organisationType}\t${p.clientId}\t${p.scopes.join(' ')}\t${p.active ? 'active' : 'revoked'}`,
          )
          .join('\n'),
      );
      return 0;
    }
    case 'partners add': {
      const body: NewPartner = {
        id: need(values.id, 'id'),
        name: need(values.name, 'name'),
        organisationType: need(values.type, 'type') as NewPartner['organisationType'],
        scopes: (values.scopes ?? 'referrals/read referrals/write')
          .split(/[\s,]+/)
          .filter(Boolean) as NewPartner['scopes'],
        ...(values['contact-email'] ? { contactEmail: values['contact-email'] } : {}),
      };
      const result = await answer(apiUrl, (await client()).POST('/v1/admin/partners', { body }));
      show(
        result,
        (a) =>
          `Registered ${a.partner.id}.\nClient id: ${a.clientId}\nClient secret (shown once): ${a.clientSecret}`,
      );
      return 0;
    }
    case 'partners rotate-secret': {
      const result = await answer(
        apiUrl,
        (await client()).POST('/v1/admin/partners/{id}/rotate-secret', { params: { path: { id: id() } } }),
      );
      show(
        result,
        (a) => `New secret for ${a.partner.id} (shown once; the old one no longer works): ${a.clientSecret}`,
      );
      return 0;
    }
    case 'partners revoke': {
      const result = await answer(
        apiUrl,
        (await client()).POST('/v1/admin/partners/{id}/revoke', { params: { path: { id: id() } } }),
      );
      show(result, (p) => `Revoked ${p.id}: its tokens stop working now.`);
      return 0;
    }
    case 'match-index rebuild': {
      let total = 0;
      let cursor: string | undefined;
      do {
        const body = cursor ? { cursor } : {};
        const batch = await answer(apiUrl, (await client()).POST('/v1/admin/match-index', { body }));
        total += batch.indexed;
        cursor = batch.nextCursor;
      } while (cursor);
      show({ indexed: total }, (a) => `Re-indexed ${a.indexed} records for family matching.`);
      return 0;
    }
    case 'retention reindex': {
      let indexed = 0;
      let skipped = 0;
      let complete = false;
      for (let batch = 1; !complete; batch += 1) {
        const result = await answer(
          apiUrl,
          (await client()).POST('/v1/admin/retention-index', { body: {} }),
        ).catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          return fail(
            `Retention reindex stopped after ${indexed} cases: ${reason}\n` +
              'Nothing is half-written (each case is one conditional write): fix the cause and run ' +
              '"npm run admin -- retention reindex" again; it carries on where it stopped.',
          );
        });
        indexed += result.indexed;
        skipped += result.skipped;
        complete = result.complete;
        if (!values.json) print(`Batch ${batch}: ${result.indexed} indexed (${indexed} so far)`);
      }
      show(
        { indexed, skipped, complete },
        (a) =>
          `Gave ${a.indexed} ended cases their retention index keys` +
          (a.skipped > 0 ? ` (${a.skipped} changed meanwhile and were left alone)` : '') +
          '; the retention sweep now finds every ended case.',
      );
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
