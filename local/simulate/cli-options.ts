// The option checks `npm run simulate` and `npm run soak` share: each refuses a bad value with a
// message naming the option and what it takes.

export function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name}: ${JSON.stringify(raw)} is not a whole number >= ${min}`);
  return value;
}

export function share(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1)
    throw new Error(`--${name}: ${JSON.stringify(raw)} is not a share from 0 to 1 (e.g. 0.03)`);
  return value;
}

/** `--start`: a first day as YYYY-MM-DD, default 2026-04-01 (a financial year). */
export function startDay(raw: string | undefined): string {
  const start = raw ?? '2026-04-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start))
    throw new Error(`--start: ${JSON.stringify(start)} is not YYYY-MM-DD`);
  return start;
}
