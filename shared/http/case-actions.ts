import { type CaseAction, canChangeCase } from '../domain/access/rules';
import { getCase } from '../adapters/data/cases';
import { defaultDb } from '../adapters/data/db';
import type { JourneyActor } from '../domain/tasks/actor';
import { staffOf } from './callers';
import type { ApiRequest } from './handler';
import { notFound } from './problem';
import { pathId } from './path-params';

/**
 * The case a staff action names and the journey actor to run it as. A case the caller may not change
 * answers 404 like a missing one, so nobody learns another locality's cases exist.
 */
export async function authorisedCaseAction(
  request: Pick<ApiRequest, 'principal' | 'pathParameters'>,
  action: CaseAction,
): Promise<{ caseId: string; actor: JourneyActor }> {
  const caller = staffOf(request);
  const caseId = pathId(request.pathParameters);
  const record = await getCase(defaultDb(), caseId);
  if (!record || !canChangeCase(caller, record, action)) throw notFound('No such case');
  return { caseId, actor: { kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area } };
}
