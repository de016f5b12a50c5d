import type * as z from 'zod';
import documentsData from './documents.json';
import localitiesData from './localities.json';
import {
  type DocumentsConfig,
  documentsFileSchema,
  type Locality,
  localitiesFileSchema,
  type StaffingConfig,
  staffingFileSchema,
  type TaskType,
  type TaskTimescale,
  type TimescalesConfig,
  timescalesFileSchema,
} from './schema';
import staffingData from './staffing.json';
import timescalesData from './timescales.json';

// Localities, staffing, timescales and the documents' limits are data (the JSON files beside this one), validated on load.
// Code asks this module; no rule carries its own copy of a number.

export * from './schema';

export interface DomainConfig {
  localities: Locality[];
  staffing: StaffingConfig;
  timescales: TimescalesConfig;
  documents: DocumentsConfig;
}

export interface RawConfig {
  localities: unknown;
  staffing: unknown;
  timescales: unknown;
  /** The bundled documents.json when left out. */
  documents?: unknown;
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

function parse<T>(file: string, schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

/** Validates configuration data (the bundled files unless given others) and returns it typed. */
export function loadConfig(
  raw: RawConfig = { localities: localitiesData, staffing: staffingData, timescales: timescalesData },
): DomainConfig {
  const localities = parse('localities', localitiesFileSchema, raw.localities).localities;
  const staffing = parse('staffing', staffingFileSchema, raw.staffing);
  const timescales = parse('timescales', timescalesFileSchema, raw.timescales);
  const documents = parse('documents', documentsFileSchema, raw.documents ?? documentsData);
  const workers = localities.reduce((sum, locality) => sum + locality.familySupportWorkers, 0);
  if (workers !== staffing.familySupportWorkers) {
    throw new ConfigError('localities', [
      {
        path: 'localities',
        message: `family support workers per locality add up to ${workers}, staffing says ${staffing.familySupportWorkers}`,
      },
    ]);
  }
  return { localities, staffing, timescales, documents };
}

let current: DomainConfig | undefined;

/** The configuration in force (the bundled files, loaded and checked once). */
export function getConfig(): DomainConfig {
  current ??= loadConfig();
  return current;
}

/**
 * The locality ids in the bundled file, for schemas (fixed at load: a new locality is a config change
 * and a deploy). Read from the file as it is: checking the whole configuration here, on import, cost
 * every handler's cold start a full validation (and zod's first-parse compilation of each schema);
 * getConfig() checks it on first use.
 */
export const LOCALITY_IDS = localitiesData.localities.map((locality) => locality.id) as [string, ...string[]];

/**
 * The documents' limits in the bundled file, for the document request schema (fixed at load, as
 * LOCALITY_IDS; getConfig() checks the file on first use, and tests/unit/config checks it on every run).
 */
export const DOCUMENT_LIMITS = documentsData as DocumentsConfig;

export function getLocality(id: string): Locality {
  const locality = getConfig().localities.find((candidate) => candidate.id === id);
  if (!locality) throw new RangeError(`Unknown locality: ${JSON.stringify(id)}`);
  return locality;
}

export function taskTimescale(type: TaskType): TaskTimescale {
  return getConfig().timescales.tasks[type];
}

export type NeedsComplexity = 'below-threshold' | 'at-risk' | 'complex';

/** At risk = two or more needs, complex = five or more (seeds/003). */
export function complexityOf(
  needCount: number,
  staffing: StaffingConfig = getConfig().staffing,
): NeedsComplexity {
  if (needCount >= staffing.needsThresholds.complex) return 'complex';
  if (needCount >= staffing.needsThresholds.atRisk) return 'at-risk';
  return 'below-threshold';
}

/** Caseload units a case takes from its key worker: complex cases weigh more (10 standard or 6 complex fill a worker). */
export function caseWeight(complex: boolean, staffing: StaffingConfig = getConfig().staffing): number {
  return complex ? staffing.caseload.weights.complex : staffing.caseload.weights.standard;
}

/** A worker's capacity in units for a caseload of `standardCases` standard families (default: the seeds' 10). */
export function capacityUnits(
  standardCases: number = getConfig().staffing.caseload.standardCases,
  staffing: StaffingConfig = getConfig().staffing,
): number {
  return standardCases * staffing.caseload.weights.standard;
}
