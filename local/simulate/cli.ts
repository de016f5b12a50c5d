import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { share, startDay, wholeNumber } from './cli-options';
import { formatHtml, formatText } from './report';
import { DEFAULT_RE_REFERRAL_SHARE, DEFAULT_STEP_DOWN_SHARE, DEFAULT_URGENT_SHARE } from './population';
import { progressLine } from './progress';
import { runSimulation } from './run';
import { summarise } from './summary';

// `npm run simulate -- [--families 3302] [--days 365] [--seed 1] [--workers 48] [--out DIR] [--start 2026-04-01]`

const USAGE = `Usage: npm run simulate -- [options]
  --families N   families referred over the period (default 3302, the seeds' March 2012 total)
  --days N       length of the period in days (default 365)
  --seed N       random seed: the same seed gives the same figures (default 1)
  --workers N    family support workers, spread by the seeds' staff shares (default 48)
  --start DATE   first day (default 2026-04-01, a financial year)
  --urgent-share F  share of referrals with an immediate safeguarding concern, 0 to 1 (default 0.03)
  --step-down-share F  share of referrals stepped down from children's social care, 0 to 1 (default 0.05)
  --re-referral-share F  share of referrals that are a family referred again, 0 to 1 (default 0.05)
  --out DIR      where summary.json and summary.html go (default .local/simulation)`;

async function main() {
  const { values } = parseArgs({
    options: {
      families: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      start: { type: 'string' },
      'urgent-share': { type: 'string' },
      'step-down-share': { type: 'string' },
      're-referral-share': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = {
    families: wholeNumber('families', values.families, 3302, 1),
    days: wholeNumber('days', values.days, 365, 1),
    seed: wholeNumber('seed', values.seed, 1, 0),
    workers: wholeNumber('workers', values.workers, 48, 1),
    start: startDay(values.start),
    urgentShare: share('urgent-share', values['urgent-share'], DEFAULT_URGENT_SHARE),
    stepDownShare: share('step-down-share', values['step-down-share'], DEFAULT_STEP_DOWN_SHARE),
    reReferralShare: share('re-referral-share', values['re-referral-share'], DEFAULT_RE_REFERRAL_SHARE),
  };
  const out = resolve(values.out ?? join(process.env.LOCAL_DATA_DIR ?? '.local', 'simulation'));
  console.log(
    `Simulating ${options.families} families over ${options.days} days (seed ${options.seed}, ${options.workers} workers)...`,
  );
  const run = await runSimulation({
    ...options,
    // No one reads a county-year's emails: they are counted, not delivered (in-process-ses.ts).
    emailsInProcess: true,
    onProgress(progress) {
      const line = `  ${progressLine(progress, options)}`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(130)}`);
      else console.log(line);
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  try {
    console.log('Reading the year back for the summary...');
    const summary = await summarise(run);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(join(out, 'summary.html'), formatHtml(summary));
    console.log(`\n${formatText(summary)}\n\nWritten: ${join(out, 'summary.json')} and summary.html`);
    const problems =
      summary.engine.failedExecutions +
      summary.engine.stuckExecutions +
      summary.engine.openCasesWithoutJourney +
      summary.engine.openTasksOnEndedCases +
      summary.engine.casesWithSeveralOpenTasks +
      // A step-down skips the screen: one screened is a bug.
      summary.partnership.stepDownsScreened +
      Object.values(summary.reconciliation.actionErrors).reduce((a, b) => a + b, 0);
    if (problems > 0) process.exitCode = 1;
  } finally {
    await run.runtime.close();
  }
}

main().catch((error: unknown) => {
  console.error(`npm run simulate: ${(error as Error).message}`);
  process.exit(2);
});
