import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where benchmarks write their figures (bench/results/<name>.json), and a plain table for the terminal.

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

export function writeResult(name: string, result: unknown): string {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...(result as object) }, null, 2)}\n`,
  );
  return file;
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = header.map((title, index) =>
    Math.max(title.length, ...cells.map((row) => row[index]!.length)),
  );
  const line = (row: string[]) => row.map((cell, index) => cell.padEnd(widths[index]!)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}
