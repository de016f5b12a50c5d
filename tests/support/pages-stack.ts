import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoCredentials, seedDemoData } from '../../local/api/demo-data';
import { type ApiServerHandle, startApiServer } from '../../local/api/server';
import { resetClients } from '../../shared/adapters/aws/clients';
import { type JourneyHarness, startJourneyHarness } from './journey-harness';

// The staff pages over the whole local journey: the journey harness (the engine on a virtual clock
// running the real workflows and handlers, DynamoDB Local, the local SES inbox) plus the local API
// server serving the pages from the route table, with the demo county's sign-ins.

export interface PagesStack {
  journey: JourneyHarness;
  server: ApiServerHandle;
  url: string;
  demo: DemoCredentials;
  password(username: string): string;
  /** The task page path in the newest email to this address about `subjectPart`. */
  taskLinkFor(address: string, subjectPart?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startPagesStack(options: { startTime: string; label: string }): Promise<PagesStack> {
  const journey = await startJourneyHarness({ startTime: options.startTime, label: options.label });
  const dataDir = mkdtempSync(join(tmpdir(), `sfw-pages-${options.label}-`));
  let server: ApiServerHandle | undefined;
  try {
    server = await startApiServer({
      port: 0,
      dataDir,
      env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
    // Task emails link to the pages this server serves.
    process.env.PAGES_BASE_URL = server.url;
    resetClients();
    const demo = await seedDemoData({
      db: journey.tables.db,
      userPool: server.userPool,
      dataDir,
      now: journey.now().toISOString(),
    });
    const url = server.url;
    const started = server;
    return {
      journey,
      server: started,
      url,
      demo,
      password(username) {
        const member = demo.staff.find((entry) => entry.username === username);
        if (!member) throw new Error(`no demo sign-in ${username}`);
        return member.password;
      },
      async taskLinkFor(address, subjectPart) {
        const emails = (await journey.emailsTo(address)).filter(
          (email) => !subjectPart || email.subject.includes(subjectPart),
        );
        const latest = emails.at(-1);
        const text = latest?.body.text ?? latest?.body.html ?? '';
        const link = /https?:\/\/[^\s"<]+\/tasks\/[0-9A-Z]{26}/.exec(text)?.[0];
        if (!link) throw new Error(`no task link emailed to ${address} (${emails.length} emails)`);
        return new URL(link).pathname;
      },
      async close() {
        await started.close();
        rmSync(dataDir, { recursive: true, force: true });
        await journey.close();
      },
    };
  } catch (error) {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await journey.close();
    throw error;
  }
}
