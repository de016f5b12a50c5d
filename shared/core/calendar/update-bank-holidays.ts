import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bankHolidaysByRules } from './bank-holiday-rules';

// `npm run holidays [-- --from 2000 --to 2100]`: writes bank-holidays.json from date-holidays' rules.
// Run it after updating date-holidays (a new one-off bank holiday is announced); the calendar tests
// fail until the table and the library agree.

const DEFAULT_FROM = 2000;
const DEFAULT_TO = 2100;

function year(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1900 || parsed > 2200) {
    console.error(`npm run holidays: ${flag} must be a year between 1900 and 2200, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
const from = year(values.from, DEFAULT_FROM, '--from');
const to = year(values.to, DEFAULT_TO, '--to');
if (to < from) {
  console.error(`npm run holidays: --to (${to}) is before --from (${from})`);
  process.exit(2);
}
// Compact, because every handler that works out a due date carries it: each year one string of
// `MMDD:<index into names>` separated by spaces (about 7 KB where dates and names in full took 32 KB).
const names: string[] = [];
const years: Record<string, string> = {};
for (let current = from; current <= to; current += 1) {
  years[current] = bankHolidaysByRules(current)
    .map(([date, name]) => {
      if (!names.includes(name)) names.push(name);
      return `${date.slice(5, 7)}${date.slice(8, 10)}:${names.indexOf(name)}`;
    })
    .join(' ');
}
const file = join(import.meta.dirname, 'bank-holidays.json');
const table = {
  source: 'England and Wales bank holidays from date-holidays (GB, ENG, public); written by npm run holidays',
  from,
  to,
  names,
  years,
};
writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
// In the repository's own format, so `npm run lint` passes on a freshly written table.
execFileSync(join(import.meta.dirname, '../../../node_modules/.bin/biome'), ['format', '--write', file], {
  stdio: 'ignore',
});
console.log(
  `Wrote ${file}: ${to - from + 1} years, ${Object.values(years).join(' ').split(' ').length} bank holidays`,
);
