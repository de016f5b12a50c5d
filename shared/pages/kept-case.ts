import { ulidSchema } from '../core/schemas/common';
import type { Case } from '../core/schemas/case';
import { canKeepCaseRecord } from '../domain/access/rules';
import { getCase } from '../adapters/data/cases';
import { type PageRequest, PageNotFound } from './handler';

/**
 * The case of the page's `{id}` when the signed-in member of staff keeps its record (the case record,
 * plan, meetings, documents, sharing pages); anyone else gets 404, exactly as for a missing case.
 */
export async function keptCaseOf(request: PageRequest): Promise<Case> {
  const id = ulidSchema.safeParse(request.pathParameters.id);
  const record = id.success ? await getCase(request.db, id.data) : undefined;
  if (!record || !canKeepCaseRecord(request.staff!, record)) throw new PageNotFound();
  return record;
}
