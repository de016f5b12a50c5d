import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

// Class-data sharing (AppCDS) for DynamoDB Local's JVM: the classes it loads, parsed and verified
// once and mapped from an archive at every later start. Java's start to its first answer fell from
// about 1.15 s to 0.67 s of CPU (docs/decisions.md, "Eighth pass"); a test run starts some 18.
//
// JDK 17 has no -XX:+AutoCreateSharedArchive (19+): the first start without an archive writes one at
// exit (-XX:ArchiveClassesAtExit), later starts map it (-XX:SharedArchiveFile). JDK 17 also refuses
// to archive with a non-empty directory on the class path, and DynamoDBLocal.jar's manifest puts `.`
// (its own folder) there, even when started with -cp. So Java runs from a copy of the jar whose
// manifest has no Class-Path, with the same jars listed on -cp in the manifest's order and the main
// class named. The copy and the archive live in the OS temporary folder, keyed by the jar's content,
// Java's version and the jar's folder, so a clean clone makes its own and an old one is never used.
// Every step is best effort: anything missing, stale or unwritable means a start without the archive, as before
// (Java itself only warns, and its CDS messages are turned off, when an archive does not fit).

export interface JavaLaunch {
  /** JVM arguments that name the class path and main class (in place of `-jar DynamoDBLocal.jar`). */
  args: string[];
  /** Call once Java has exited: keeps the archive it wrote, if it wrote one whole. */
  afterExit(code: number | null, signal: NodeJS.Signals | null): void;
  /** True when this start writes the archive (its exit takes a second or two longer). */
  writingArchive: boolean;
  /** True when this start maps an existing archive. */
  mapsArchive: boolean;
  /** Removes the archive this start mapped (after Java crashed on it), so no later start maps it. */
  discardArchive(): void;
}

const nothing = () => undefined;

/** `-jar` as DynamoDB Local ships, with nothing to do after exit. */
export function plainLaunch(directory: string): JavaLaunch {
  return {
    args: ['-jar', join(directory, 'DynamoDBLocal.jar')],
    afterExit: nothing,
    writingArchive: false,
    mapsArchive: false,
    discardArchive: nothing,
  };
}

/**
 * The launch with class-data sharing when this Java can do it (13 or newer, `javaVersionOutput` being
 * `java -version`'s output), else the plain `-jar` launch. Never throws.
 */
export function classDataSharingLaunch(directory: string, javaVersionOutput: string): JavaLaunch {
  if (process.env.SFW_DYNAMODB_CDS === '0') return plainLaunch(directory);
  try {
    const major = Number(/version "(\d+)/.exec(javaVersionOutput)?.[1] ?? 0);
    if (major < 13) return plainLaunch(directory);
    const jar = readFileSync(join(directory, 'DynamoDBLocal.jar'));
    // The folder is in the key too: the archive records the library jars' paths and Java refuses it
    // from any other (another clone or worktree of the project), so each install needs its own.
    const key = createHash('sha256')
      .update(jar)
      .update(javaVersionOutput)
      .update(resolve(directory))
      .digest('hex')
      .slice(0, 16);
    const root = join(tmpdir(), 'sfw-dynamodb-local-cds');
    mkdirSync(root, { recursive: true, mode: 0o700 });
    // Java runs the jar copy found here: on a machine shared with other users only a folder of this
    // user's own, that no one else can write to, is trusted.
    if (!ownFolder(root)) return plainLaunch(directory);
    const cache = join(root, key);
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    const manifest = readManifest(jar);
    const mainClass = headerValue(manifest, 'Main-Class');
    if (!mainClass) return plainLaunch(directory);
    const copy = join(cache, 'DynamoDBLocal.jar');
    if (!existsSync(copy)) keepFirst(copy, jarWithoutClassPath(jar, manifest));
    const libraries = join(directory, 'DynamoDBLocal_lib');
    const classPath = [copy, ...classPathJars(manifest, libraries)].join(delimiter);
    // Java checks each class path jar's size and time against the archive: a copy made again (another
    // process's, after this folder was cleaned) names a new archive rather than one that cannot map.
    const copyStat = statSync(copy);
    const archive = join(cache, `classes-${copyStat.size}-${Math.trunc(copyStat.mtimeMs)}.jsa`);
    // Java's CDS warnings off (an archive that does not fit is only noise), and a fatal error's report
    // here rather than in node_modules.
    const quiet = [
      '-Xlog:cds=off',
      '-Xlog:cds+dynamic=off',
      `-XX:ErrorFile=${join(cache, 'hs_err_pid%p.log')}`,
    ];
    if (existsSync(archive)) {
      return {
        args: [...quiet, `-XX:SharedArchiveFile=${archive}`, '-cp', classPath, mainClass],
        afterExit: nothing,
        writingArchive: false,
        mapsArchive: true,
        discardArchive() {
          removeQuietly(archive);
        },
      };
    }
    // One start at a time writes it (about 1.7 s of CPU as Java exits); the others meanwhile start as
    // before, so a clean clone's first test run does not write one per Java process.
    const lock = `${archive}.writing`;
    if (!takeLock(lock)) return plainLaunch(directory);
    const partial = `${archive}.${process.pid}.${Date.now()}.partial`;
    return {
      args: [...quiet, `-XX:ArchiveClassesAtExit=${partial}`, '-cp', classPath, mainClass],
      afterExit(code, signal) {
        try {
          // Java writes the archive as it exits: only an exit of its own (SIGTERM gives 143) wrote it whole.
          if (signal === null && (code === 0 || code === 143) && existsSync(partial)) {
            keepFirstFile(partial, archive);
          }
        } catch {
          // Best effort: the next start writes it again.
        } finally {
          removeQuietly(partial);
          removeQuietly(lock);
        }
      },
      writingArchive: true,
      mapsArchive: false,
      discardArchive: nothing,
    };
  } catch {
    return plainLaunch(directory);
  }
}

function ownFolder(path: string): boolean {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return false;
  if (typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/** A lock file made here, or one left for ten minutes (its writer gone without removing it). */
function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      closeSync(openSync(lock, 'wx'));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      if (statSync(lock).mtimeMs > Date.now() - 10 * 60_000) return false;
      removeQuietly(lock);
    }
  }
  return false;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Writes `content` to `path` unless another process got there first (never replaces a file Java may map). */
function keepFirst(path: string, content: Buffer): void {
  const partial = `${path}.${process.pid}.${Date.now()}.partial`;
  writeFileSync(partial, content);
  try {
    keepFirstFile(partial, path);
  } finally {
    removeQuietly(partial);
  }
}

function keepFirstFile(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** The manifest's Class-Path jars that exist, in its order (its `.` and non-jar entries left out). */
function classPathJars(manifest: string, libraries: string): string[] {
  const entries = (headerValue(manifest, 'Class-Path') ?? '').split(' ').filter(Boolean);
  const present = new Set(readdirSync(libraries));
  return entries
    .filter((entry) => entry.startsWith('DynamoDBLocal_lib/') && entry.endsWith('.jar'))
    .map((entry) => entry.slice('DynamoDBLocal_lib/'.length))
    .filter((name) => present.has(name))
    .map((name) => join(libraries, name));
}

function headerValue(manifest: string, name: string): string | undefined {
  // Manifest lines are wrapped at 72 bytes; a continuation starts with one space.
  const unwrapped = manifest.replace(/\r?\n /g, '');
  const line = unwrapped.split(/\r?\n/).find((candidate) => candidate.startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

interface CentralEntry {
  at: number;
  length: number;
  name: string;
}

interface ZipDirectory {
  entries: CentralEntry[];
  centralOffset: number;
}

function readDirectory(zip: Buffer): ZipDirectory {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  const centralOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || centralOffset === 0xffffffff) throw new Error('zip64 is not handled');
  const entries: CentralEntry[] = [];
  let at = centralOffset;
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const length = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({ at, length, name: zip.toString('utf8', at + 46, at + 46 + nameLength) });
    at += length;
  }
  return { entries, centralOffset };
}

const MANIFEST = 'META-INF/MANIFEST.MF';

function readManifest(zip: Buffer): string {
  const entry = readDirectory(zip).entries.find((candidate) => candidate.name === MANIFEST);
  if (!entry) throw new Error('no manifest');
  const method = zip.readUInt16LE(entry.at + 10);
  const compressedSize = zip.readUInt32LE(entry.at + 20);
  const local = zip.readUInt32LE(entry.at + 42);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + compressedSize);
  if (method === 0) return data.toString('utf8');
  if (method === 8) return inflateRawSync(data).toString('utf8');
  throw new Error(`manifest compressed with method ${method}`);
}

/**
 * The jar with its manifest's Class-Path removed: every other entry's bytes as they were, the new
 * manifest stored after them, and a new central directory pointing at it.
 */
function jarWithoutClassPath(zip: Buffer, manifest: string): Buffer {
  const { entries, centralOffset } = readDirectory(zip);
  const kept: string[] = [];
  let inClassPath = false;
  for (const line of manifest.split(/\r?\n/)) {
    if (line.startsWith(' ') && inClassPath) continue;
    inClassPath = line.startsWith('Class-Path:');
    if (!inClassPath) kept.push(line);
  }
  const content = Buffer.from(kept.join('\r\n'), 'utf8');
  const name = Buffer.from(MANIFEST, 'utf8');
  const checksum = crc32(content);
  const localHeader = Buffer.alloc(30);
  localHeader.writeUInt32LE(0x04034b50, 0);
  localHeader.writeUInt16LE(20, 4);
  localHeader.writeUInt32LE(checksum, 14);
  localHeader.writeUInt32LE(content.length, 18);
  localHeader.writeUInt32LE(content.length, 22);
  localHeader.writeUInt16LE(name.length, 26);
  const manifestOffset = centralOffset;
  const central: Buffer[] = [];
  for (const entry of entries) {
    if (entry.name !== MANIFEST) {
      central.push(zip.subarray(entry.at, entry.at + entry.length));
      continue;
    }
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt32LE(checksum, 16);
    record.writeUInt32LE(content.length, 20);
    record.writeUInt32LE(content.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(manifestOffset, 42);
    central.push(record, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(manifestOffset + localHeader.length + name.length + content.length, 16);
  return Buffer.concat([zip.subarray(0, centralOffset), localHeader, name, content, directory, end]);
}
