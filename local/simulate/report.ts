import type { SimulationSummary } from './summary';

// The summary as a terminal table and as one self-contained HTML page with bar charts (inline SVG,
// no scripts, nothing fetched).

const money = (value: number) => `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;
const pct = (value: number | null) => (value === null ? '-' : `${value}%`);

export function formatText(summary: SimulationSummary): string {
  const lines: string[] = [];
  const { options } = summary;
  lines.push(
    `Simulated ${options.families} families over ${options.days} days from ${summary.period.from} ` +
      `(seed ${options.seed}, ${options.workers} family support workers) in ${summary.wallSeconds} s ` +
      `(${summary.familiesPerSecond} families/s)`,
  );
  const { timing } = summary;
  lines.push(
    `Wall time: start ${timing.startupSeconds.toFixed(0)} s, clock moves (timers) ${timing.clockSeconds.toFixed(0)} s, ` +
      `actions ${timing.actionSeconds.toFixed(0)} s in ${timing.waves} waves at ${timing.instants} instants, reading new tasks ${timing.learnSeconds.toFixed(0)} s; ` +
      `CPU: Node ${timing.cpuSeconds.node.toFixed(0)} s, DynamoDB Local ${timing.cpuSeconds.dynamodbLocal?.toFixed(0) ?? '-'} s`,
  );
  lines.push('');
  const header = [
    'locality',
    'families',
    'assess on time',
    'reviews 12 wk',
    'wait peak',
    'longest wait',
    'caseload',
    'closed',
    'urgent in hour',
    'step-downs',
  ];
  const rows = [...summary.localities, { name: 'Partnership', ...summary.partnership }].map((row) => [
    row.name,
    String(row.families),
    pct(row.assessmentsOnTimePercent),
    pct(row.reviewsAt12WeeksPercent),
    String(row.waitingListPeak),
    `${row.longestWaitDays} d`,
    `${row.caseloadUnits}/${row.capacityUnits} (${row.caseloadPercent}%)`,
    String(row.statuses.CLOSED ?? 0),
    `${row.urgentScreens} (${pct(row.urgentScreensInTimePercent)})`,
    `${row.stepDowns} (${pct(row.stepDownPercent)})`,
  ]);
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => row[index]!.length)),
  );
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ');
  lines.push(line(header));
  for (const row of rows) lines.push(line(row));
  lines.push('');
  lines.push(
    `Final states: ${Object.entries(summary.partnership.statuses)
      .map(([status, count]) => `${status} ${count}`)
      .join(', ')}`,
  );
  lines.push(
    `Step-downs from children's social care: ${summary.partnership.stepDowns} (${pct(summary.partnership.stepDownPercent)} of referrals at a share of ${summary.options.stepDownShare ?? 0}), screened ${summary.partnership.stepDownsScreened} (they go straight to the hub)`,
    `Re-referrals: ${summary.partnership.reReferralsSimulated} families referred again, ${summary.partnership.reReferralsMatched} shown their earlier record as a match; ${summary.partnership.reReferralsCounted} counted within 12 months of an ended record (${pct(summary.partnership.reReferralsCountedPercent)} of referrals)`,
  );
  lines.push(
    `Closures by reason: ${
      Object.entries(summary.partnership.closuresByReason)
        .map(([reason, count]) => `${reason} ${count}`)
        .join(', ') || 'none'
    }`,
  );
  const { engine, work, cost, reconciliation } = summary;
  lines.push('');
  lines.push(
    `Executions: ${Object.entries(engine.executions)
      .map(
        ([name, byStatus]) =>
          `${name} ${Object.entries(byStatus)
            .map(([status, count]) => `${count} ${status.toLowerCase()}`)
            .join('/')}`,
      )
      .join('; ')}`,
  );
  lines.push(
    `Failed ${engine.failedExecutions}, stuck ${engine.stuckExecutions}, open cases without a journey ${engine.openCasesWithoutJourney}, open tasks on ended cases ${engine.openTasksOnEndedCases}, cases with several open tasks ${engine.casesWithSeveralOpenTasks}, action errors ${Object.values(reconciliation.actionErrors).reduce((a, b) => a + b, 0)}`,
    `Completions by simulated staff that found the task already ended by the system (a race, not an error): ${
      Object.entries(reconciliation.completionsOfEndedTasks)
        .map(([type, count]) => `${type} ${count}`)
        .join(', ') || 'none'
    }`,
  );
  for (const failure of engine.failures ?? [])
    lines.push(`  failed ${failure.execution}: ${failure.error} ${failure.cause}`);
  lines.push(
    `State transitions ${engine.stateTransitions} (${engine.transitionsPerFamilyYear} per family-year); largest history ${engine.largestHistory?.events ?? 0} events`,
  );
  lines.push(
    `Lambda invocations ${work.lambdaTotal}; DynamoDB ${work.dynamodb.writeRequests} write requests (${work.dynamodb.itemsWritten} items, ${work.dynamodb.writeUnits} WRU), ${work.dynamodb.readRequests} reads (${work.dynamodb.readUnits} RRU); emails ${work.emails}; API requests ${work.apiRequests}`,
  );
  lines.push(`Report tasks: ${work.reportTasks} opened, ${work.reportTasksCompleted} completed`);
  lines.push(
    `Writes per family: ${work.dynamodb.writesPerFamily} items (${work.dynamodb.writeUnitsPerFamily} WRU); reads per family: ${work.dynamodb.readsPerFamily}`,
  );
  lines.push(
    `Estimated AWS cost (eu-west-2): ${money(cost.total)} in all, ${money(cost.perFamilyYear)} per family-year ` +
      `(Step Functions ${money(cost.stepFunctions)}, Lambda ${money(cost.lambda)}, DynamoDB ${money(cost.dynamodb)}, SES ${money(cost.ses)}, API Gateway ${money(cost.apiGateway)})`,
  );
  const casework = Object.entries(summary.casework.kinds)
    .map(
      ([kind, figures]) =>
        `${kind} ${figures.count} (${figures.perFamilyYear} per family-year, $${figures.costPerFamilyYear.toFixed(6)} per family-year)`,
    )
    .join('; ');
  lines.push(
    `Casework between tasks (a case note every ${summary.casework.assumedEveryDays['case-note']} days, a plan update every ${summary.casework.assumedEveryDays['plan-update']}, a Team Around the Family meeting every ${summary.casework.assumedEveryDays['taf-meeting']}, while in support): ${casework}`,
  );
  lines.push(
    `Supporting Families results claims per quarter: ${
      summary.claims.length === 0
        ? 'none produced in the period'
        : summary.claims
            .map(
              (claim) =>
                `${claim.window} ${claim.status}: ${claim.claimable} claimable, ${claim.sampled} audited, ${claim.failedAudit} failed audit, ${claim.claimed} claimed`,
            )
            .join('; ')
    }`,
  );
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function barChart(
  title: string,
  rows: { label: string; value: number }[],
  unit: string,
  max?: number,
): string {
  const top = max ?? Math.max(1, ...rows.map((row) => row.value));
  const height = rows.length * 26 + 10;
  const bars = rows
    .map((row, index) => {
      const width = Math.round((Math.max(0, row.value) / top) * 360);
      const y = index * 26 + 5;
      return `<text x="0" y="${y + 15}" font-size="13">${escapeHtml(row.label)}</text>
<rect x="190" y="${y}" width="${width}" height="18" fill="#1d70b8"/>
<text x="${196 + width}" y="${y + 14}" font-size="12">${row.value}${unit}</text>`;
    })
    .join('\n');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" width="620" height="${height}">${bars}</svg></figure>`;
}

export function formatHtml(summary: SimulationSummary): string {
  const localities = summary.localities;
  const charts = [
    barChart(
      'Assessments on time',
      localities.map((row) => ({ label: row.name, value: row.assessmentsOnTimePercent ?? 0 })),
      '%',
      100,
    ),
    barChart(
      'Reviews held by 12 weeks',
      localities.map((row) => ({ label: row.name, value: row.reviewsAt12WeeksPercent ?? 0 })),
      '%',
      100,
    ),
    barChart(
      'Waiting list peak (families)',
      localities.map((row) => ({ label: row.name, value: row.waitingListPeak })),
      '',
    ),
    barChart(
      'Longest wait (days)',
      localities.map((row) => ({ label: row.name, value: row.longestWaitDays })),
      ' d',
    ),
    barChart(
      'Caseload at the end, share of capacity',
      localities.map((row) => ({ label: row.name, value: row.caseloadPercent })),
      '%',
      100,
    ),
    barChart(
      'Closures by reason (partnership)',
      Object.entries(summary.partnership.closuresByReason).map(([label, value]) => ({ label, value })),
      '',
    ),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Supporting Families Workflow: simulated year</title>
<style>body{font-family:Arial,sans-serif;margin:2rem;max-width:60rem;color:#0b0c0c}figure{margin:1.5rem 0}figcaption{font-weight:bold;margin-bottom:.5rem}pre{background:#f3f2f1;padding:1rem;overflow-x:auto}</style>
</head><body>
<h1>Simulated year: ${summary.options.families} families, ${summary.options.workers} family support workers</h1>
<p>${escapeHtml(summary.period.from)} to ${escapeHtml(summary.period.to)}, seed ${summary.options.seed}. Estimated AWS cost per family-year: <strong>$${summary.cost.perFamilyYear.toFixed(4)}</strong>.</p>
${charts}
<h2>All figures</h2>
<pre>${escapeHtml(formatText(summary))}</pre>
</body></html>
`;
}
