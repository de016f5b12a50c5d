// What the soak's driver hands each child process (one JSON argument): where the parts listen and
// keep their data, so a restarted part comes back on the same port and the same files.

export interface PartSettings {
  /** The run's data directory: `engine/` (SQLite), `dynamodb/`, `identity/` (the local user pool). */
  dataDir: string;
  enginePort: number;
  apiPort: number;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  /** Where a new virtual clock starts (a restart keeps the stored one). */
  startTime: string;
}

/**
 * Each handler's timeout in the soak's engine, at most this (engine-process.ts). It is also the longest
 * an in-progress idempotency record outlives an invocation cut off by a DynamoDB kill (faults.ts).
 */
export const MAX_HANDLER_TIMEOUT_SECONDS = 30;

export function endpoint(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function readSettings(argument: string | undefined): PartSettings {
  if (!argument) throw new Error('give the part settings as one JSON argument');
  return JSON.parse(argument) as PartSettings;
}
