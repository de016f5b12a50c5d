import type { Case } from '../core/schemas/case';
import { ULID_PATTERN } from '../core/vocabulary/ulid';
import { canKeepCaseRecord } from '../domain/access/rules';
import { getCase } from '../adapters/data/cases';
import { defaultDb } from '../adapters/data/db';
import { staffOf } from './callers';
import type { ApiRequest } from './handler';
import { notFound } from './problem';
import { pathId } from './path-params';

/**
 * The case whose record the caller names, if they may keep it: anyone else gets 404 as for a missing
 * case, so nobody learns another locality's cases exist.
 */
export async function caseRecordOf(
  request: Pick<ApiRequest, 'principal' | 'pathParameters'>,
): Promise<{ record: Case; caller: ReturnType<typeof staffOf> }> {
  const caller = staffOf(request);
  const record = await getCase(defaultDb(), pathId(request.pathParameters));
  if (!record || !canKeepCaseRecord(caller, record)) throw notFound('No such case');
  return { record, caller };
}

/** The entry id in the path, checked like the case id. */
export function entryIdOf(pathParameters: Record<string, string>): string {
  const entryId = pathParameters.entryId;
  if (entryId === undefined || !ULID_PATTERN.test(entryId)) throw notFound('No such entry');
  return entryId;
}
