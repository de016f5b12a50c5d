import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionEntry } from '../functions-manifest';

export interface HandlerFile {
  /** kebab-case base name, e.g. `create-case` */
  name: string;
  path: string;
}

const HANDLER_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Every handler in a functions folder: one `<name>.ts` per handler (tests and declarations excluded). */
export function listHandlerFiles(dir: string): HandlerFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.ts'.length), path: join(dir, file) }));
}

/** Problems between the handler files and the manifest, each naming the file or entry at fault. */
export function checkManifest(files: readonly HandlerFile[], manifest: readonly FunctionEntry[]): string[] {
  const problems: string[] = [];
  const fileNames = new Set(files.map((file) => file.name));
  const seen = new Set<string>();
  for (const file of files) {
    if (!HANDLER_NAME.test(file.name)) problems.push(`functions/${file.name}.ts: name must be kebab-case`);
  }
  for (const entry of manifest) {
    if (seen.has(entry.name)) problems.push(`infra/functions-manifest.ts: '${entry.name}' is listed twice`);
    seen.add(entry.name);
    if (!fileNames.has(entry.name)) {
      problems.push(
        `infra/functions-manifest.ts: '${entry.name}' has no handler file functions/${entry.name}.ts`,
      );
    }
    if (entry.memoryMb !== undefined && (entry.memoryMb < 128 || entry.memoryMb > 10240)) {
      problems.push(`infra/functions-manifest.ts: '${entry.name}'.memoryMb must be 128-10240`);
    }
    if (entry.timeoutSeconds !== undefined && (entry.timeoutSeconds < 1 || entry.timeoutSeconds > 900)) {
      problems.push(`infra/functions-manifest.ts: '${entry.name}'.timeoutSeconds must be 1-900`);
    }
  }
  for (const name of fileNames) {
    if (!seen.has(name)) {
      problems.push(
        `functions/${name}.ts has no grants: declare them on one of its routes (grants: { table: ... } in shared/http/route-table/), or, when nothing routes to it, add { name: '${name}', table: ... } to infra/functions-manifest.ts`,
      );
    }
  }
  return problems;
}

/** The workflows an entry refers to, for checking that each exists. */
export function workflowsReferencedBy(entry: FunctionEntry): string[] {
  const callbacks = Array.isArray(entry.sendsTaskCallbacks) ? entry.sendsTaskCallbacks : [];
  return [
    ...(entry.startsExecutions ?? []),
    ...(entry.stopsExecutions ?? []),
    ...(entry.readsExecutions ?? []),
    ...callbacks,
  ];
}
