import type * as z from 'zod';
import documentsData from './documents.json';
import { ConfigError, type DomainConfig } from './index';
import localitiesData from './localities.json';
import {
  documentsFileSchema,
  localitiesFileSchema,
  staffingFileSchema,
  timescalesFileSchema,
} from './schema';
import staffingData from './staffing.json';
import timescalesData from './timescales.json';

// The configuration files checked by their zod schemas: what `npm run config:write` writes into
// ./checked.generated.ts (which handlers read, see ./index.ts) and what the tests check. Handlers do
// not import this module.

export interface RawConfig {
  localities: unknown;
  staffing: unknown;
  timescales: unknown;
  /** The bundled documents.json when left out. */
  documents?: unknown;
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
