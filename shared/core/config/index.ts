import {
  CHECKED_CONFIG,
  CHECKED_LOCALITIES,
  CHECKED_STAFFING,
  CHECKED_TIMESCALES,
} from './checked.generated';
import documentsData from './documents.json';
import localitiesData from './localities.json';
import type { DocumentsConfig, Locality, StaffingConfig, TaskTimescale, TimescalesConfig } from './schema';
import type { TaskType } from './task-types.generated';

// Localities, staffing, timescales and the documents' limits are data (the JSON files beside this one).
// Code asks this module; no rule carries its own copy of a number. The files are checked by their zod
// schemas (./schema.ts, ./load.ts) when `npm run config:write` writes the checked copy this module
// reads (./checked.generated.ts), and by a unit test on every run that also fails while that copy is
// not what the files give: so a handler neither loads zod's configuration schemas nor runs them.

export type { DocumentsConfig, Locality, StaffingConfig, TaskTimescale, TimescalesConfig } from './schema';
export { SUPPORTED_DOCUMENT_CONTENT_TYPES } from './document-types';
export { type TaskType, WORKING_DAY_TASK_TYPES } from './task-types.generated';

export interface DomainConfig {
  localities: Locality[];
  staffing: StaffingConfig;
  timescales: TimescalesConfig;
  documents: DocumentsConfig;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `Invalid ${file} configuration: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`,
    );
    this.name = 'ConfigError';
  }
}

const CONFIG = CHECKED_CONFIG as DomainConfig;

/** The configuration in force (the bundled files, checked when their copy was generated). */
export function getConfig(): DomainConfig {
  return CONFIG;
}

// Each section on its own, the same object as `getConfig()`'s: shared code reads the section it needs
// through these, so a handler's bundle carries only the sections its code reads (the timescales alone
// are 3 KB minified, and most handlers near the median read only the localities or nothing).

/** `getConfig().localities`. */
export function configuredLocalities(): Locality[] {
  return CHECKED_LOCALITIES as Locality[];
}

/** `getConfig().staffing`. */
export function configuredStaffing(): StaffingConfig {
  return CHECKED_STAFFING as StaffingConfig;
}

/** `getConfig().timescales`. */
export function configuredTimescales(): TimescalesConfig {
  return CHECKED_TIMESCALES as TimescalesConfig;
}

/**
 * The locality ids in the bundled file, for schemas (fixed at load: a new locality is a config change
 * and a deploy). Read from the file as it is, so `npm run config:write` can import the schemas that
 * use them before the checked copy exists.
 */
export const LOCALITY_IDS = localitiesData.localities.map((locality) => locality.id) as [string, ...string[]];

/** The documents' limits in the bundled file, for the document request schema (as LOCALITY_IDS). */
export const DOCUMENT_LIMITS = documentsData as DocumentsConfig;

export function getLocality(id: string): Locality {
  const locality = configuredLocalities().find((candidate) => candidate.id === id);
  if (!locality) throw new RangeError(`Unknown locality: ${JSON.stringify(id)}`);
  return locality;
}

export function taskTimescale(type: TaskType): TaskTimescale {
  return configuredTimescales().tasks[type];
}

export type NeedsComplexity = 'below-threshold' | 'at-risk' | 'complex';

/** At risk = two or more needs, complex = five or more (seeds/003). */
export function complexityOf(
  needCount: number,
  staffing: StaffingConfig = configuredStaffing(),
): NeedsComplexity {
  if (needCount >= staffing.needsThresholds.complex) return 'complex';
  if (needCount >= staffing.needsThresholds.atRisk) return 'at-risk';
  return 'below-threshold';
}

/** Caseload units a case takes from its key worker: complex cases weigh more (10 standard or 6 complex fill a worker). */
export function caseWeight(complex: boolean, staffing: StaffingConfig = configuredStaffing()): number {
  return complex ? staffing.caseload.weights.complex : staffing.caseload.weights.standard;
}

/** A worker's capacity in units for a caseload of `standardCases` standard families (default: the seeds' 10). */
export function capacityUnits(
  standardCases: number = configuredStaffing().caseload.standardCases,
  staffing: StaffingConfig = configuredStaffing(),
): number {
  return standardCases * staffing.caseload.weights.standard;
}
