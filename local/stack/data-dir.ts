import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The local stack's data directory: DynamoDB Local's files, the engine's SQLite store, the local user
// pool and the demo credentials. A marker names the layout's format, so a directory written by an
// incompatible version is refused with advice instead of being misread.

/** Bump when a part's on-disk data stops being readable by the new code (tables, store, identity). */
export const DATA_FORMAT = 2;
export const MARKER_FILE = 'stack-version.json';

export interface DataLayout {
  root: string;
  dynamodb: string;
  /** The local S3's objects (the case documents bucket). */
  s3: string;
  engine: string;
  credentials: string;
}

export function dataLayout(root: string): DataLayout {
  return {
    root,
    dynamodb: join(root, 'dynamodb'),
    s3: join(root, 's3'),
    engine: join(root, 'engine'),
    credentials: join(root, 'demo-credentials.json'),
  };
}

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

interface Marker {
  format: number;
  createdAt: string;
}

function readMarker(root: string): Marker | undefined {
  const file = join(root, MARKER_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const marker = JSON.parse(readFileSync(file, 'utf8')) as Partial<Marker>;
    if (typeof marker.format !== 'number') throw new Error('no format');
    return marker as Marker;
  } catch {
    throw new DataDirError(
      `${file} is unreadable. Start afresh with \`npm start -- --reset\` (this deletes the local data).`,
    );
  }
}

/**
 * Makes the directory ready: wipes it first when `reset` (only a directory the stack itself wrote, so
 * a mistyped --data-dir cannot delete anything else), refuses another format, writes the marker.
 * Answers whether the data is new.
 */
export function prepareDataDir(root: string, options: { reset: boolean }): { fresh: boolean } {
  if (options.reset && existsSync(root)) {
    const entries = readdirSync(root);
    if (entries.length > 0 && !entries.includes(MARKER_FILE)) {
      throw new DataDirError(
        `--reset: ${root} holds files but no ${MARKER_FILE}, so it is not a local stack data directory; ` +
          'nothing was deleted. Check --data-dir / LOCAL_DATA_DIR.',
      );
    }
    rmSync(root, { recursive: true, force: true });
  }
  // Family records, credentials and the signing key live here: the owner's alone. The umask covers
  // every file this process and its children (DynamoDB Local, the engine's SQLite) create from now on.
  process.umask(0o077);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  const marker = readMarker(root);
  if (marker && marker.format !== DATA_FORMAT) {
    throw new DataDirError(
      `${root} holds local data in format ${marker.format}; this version reads format ${DATA_FORMAT}. ` +
        'Start afresh with `npm start -- --reset` (this deletes the local data), or point --data-dir ' +
        'at another directory.',
    );
  }
  if (!marker) {
    const content: Marker = { format: DATA_FORMAT, createdAt: new Date().toISOString() };
    writeFileSync(join(root, MARKER_FILE), `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  }
  return { fresh: !marker };
}
