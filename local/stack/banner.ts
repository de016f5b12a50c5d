import { relative } from 'node:path';
import type { StackHandle } from './stack';

// The one screen `npm start` prints once everything is up: where each part is, how to sign in, and
// what is still to come.

export interface BannerCredentials {
  partners: { name: string; clientId: string; clientSecret: string }[];
  staff: { username: string; password: string; role: string; locality: string }[];
}

/** A path as short as it can be said: relative below the working directory, absolute elsewhere. */
function shown(path: string): string {
  const near = relative(process.cwd(), path);
  return near === '' ? '.' : near.startsWith('..') ? path : near;
}

export function formatBanner(
  stack: Pick<StackHandle, 'urls' | 'parts' | 'settings' | 'fresh' | 'workflows' | 'schedules'>,
  credentials?: { file: string; content: BannerCredentials },
): string {
  const { urls, parts, settings } = stack;
  const running = (prefix: string) =>
    parts.find((entry) => entry.name.startsWith(prefix))?.status === 'running';
  const lines: string[] = [];
  lines.push('Supporting Families Workflow: the local stack is up');
  lines.push('');
  const row = (label: string, url: string, available: boolean) =>
    lines.push(`  ${label.padEnd(22)} ${url}${available ? '' : '   (coming)'}`);
  row('Staff pages', urls.pages, running('staff pages'));
  row('Email inbox', urls.inbox, running('local SES'));
  row('API docs', urls.docs, running('partner and staff API'));
  row('Partner/staff API', `${urls.api}/v1`, running('partner and staff API'));
  row('Step Functions engine', urls.engine, running('Step Functions'));
  row('DynamoDB Local', urls.dynamodb, running('DynamoDB'));
  row('Local S3 (documents)', urls.s3, running('local S3'));
  row('Health', urls.health, true);
  lines.push('');
  const dataDir = shown(settings.dataDir);
  lines.push(
    `  Data: ${dataDir}/ (${stack.fresh ? 'new' : 'resumed'})   Clock: ${
      settings.virtualClock ? `virtual, move it with POST ${urls.engine}/_local/clock` : 'real time'
    }`,
  );
  lines.push(`  Workflows: ${stack.workflows.length > 0 ? stack.workflows.join(', ') : '(none yet)'}`);
  for (const schedule of stack.schedules) {
    lines.push(`  Next ${schedule.name}: ${schedule.next}`);
  }
  if (credentials) {
    const { content } = credentials;
    const partner = content.partners[0];
    const pick = (role: string) => content.staff.find((member) => member.role === role);
    lines.push('');
    lines.push(`  Demo credentials (all of them in ${shown(credentials.file)}):`);
    if (partner) {
      lines.push(
        `    partner ${partner.name}: client id ${partner.clientId}, secret ${partner.clientSecret}`,
      );
      lines.push(`      token: POST ${urls.api}/oauth2/token (client credentials)`);
    }
    for (const role of ['duty-social-worker', 'family-support-worker', 'locality-manager', 'administrator']) {
      const member = pick(role);
      if (member) lines.push(`    ${role.padEnd(22)} ${member.username} / ${member.password}`);
    }
  }
  const coming = parts.filter((entry) => entry.status === 'coming' || entry.note);
  if (coming.length > 0) {
    lines.push('');
    lines.push('  Still being built (used here as soon as they land):');
    for (const entry of coming) lines.push(`    - ${entry.name}${entry.note ? `: ${entry.note}` : ''}`);
  }
  lines.push('');
  lines.push('  Ctrl-C stops everything; npm start again resumes where it was.');
  return lines.join('\n');
}
