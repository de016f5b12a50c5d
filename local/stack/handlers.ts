import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS } from '../../infra/functions-manifest';

// Every handler in functions/ as a local Lambda named by its file (`functions/create-case.ts` ->
// `create-case`), imported on its first invocation as Lambda would cold-start it. The API server
// imports the same module URLs, so both share one module instance (and one set of SDK clients).

export const FUNCTIONS_DIR = resolve(import.meta.dirname, '../../functions');

export type LocalLambda = (event: unknown, context: unknown) => Promise<unknown>;

export function listHandlers(dir = FUNCTIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

export function lazyHandler(name: string, dir = FUNCTIONS_DIR): LocalLambda {
  let loaded: Promise<LocalLambda> | undefined;
  return async (event, context) => {
    loaded ??= import(pathToFileURL(join(dir, `${name}.ts`)).href).then((module: { handler?: unknown }) => {
      if (typeof module.handler !== 'function') throw new Error(`functions/${name}.ts exports no handler`);
      return module.handler as LocalLambda;
    });
    return (await loaded)(event, context);
  };
}

/** Each handler by name, ready to hand to the engine. */
export function localLambdas(dir = FUNCTIONS_DIR): Map<string, LocalLambda> {
  return new Map(listHandlers(dir).map((name) => [name, lazyHandler(name, dir)]));
}

/** What infra/functions-manifest.ts gives a function when it names no timeout. */
const DEFAULT_TIMEOUT_SECONDS = 10;

/**
 * Each handler's Lambda timeout from the manifest, as deployed: locally too an invocation's context
 * counts down from it, so an idempotency record left in progress by a killed process expires when the
 * same invocation on AWS would have timed out.
 */
export function functionTimeoutSeconds(name: string): number {
  return FUNCTIONS.find((entry) => entry.name === name)?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
}

export function localLambdaTimeouts(dir = FUNCTIONS_DIR): Map<string, number> {
  return new Map(listHandlers(dir).map((name) => [name, functionTimeoutSeconds(name)]));
}
