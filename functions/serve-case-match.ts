import { canDecideMatches } from '../shared/domain/access/rules';
import { decideMatch } from '../shared/domain/matching/matches';
import { getCase } from '../shared/adapters/data/cases';
import { ConflictError, NotFoundError } from '../shared/adapters/data/db';
import { one } from '../shared/pages/forms';
import { PageNotFound, pageHandler } from '../shared/pages/handler';

// POST /cases/{id}/matches/{matchId}: the Link and Dismiss buttons beside a possible match (the screen's
// task page, the case page). Back to the page it came from, which shows the decision now held: a
// second click, or a decision someone made first, changes nothing.

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const { id = '', matchId = '' } = request.pathParameters;
    const record = ULID.test(id) ? await getCase(request.db, id) : undefined;
    const action = one(request.form, 'decision');
    if (!record || !ULID.test(matchId) || !canDecideMatches(caller, record)) throw new PageNotFound();
    if (action !== 'link' && action !== 'dismiss') throw new PageNotFound();
    const actor = { kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area } as const;
    try {
      await decideMatch(request.db, {
        caseId: record.id,
        otherCaseId: matchId,
        action,
        actor,
        now: request.now,
      });
    } catch (error) {
      if (error instanceof NotFoundError) throw new PageNotFound();
      if (!(error instanceof ConflictError)) throw error;
    }
    const taskId = one(request.form, 'taskId');
    const back = ULID.test(taskId) ? `/tasks/${taskId}` : `/cases/${record.id}`;
    return { kind: 'redirect', location: `${back}#possible-matches-heading` };
  },
  { access: 'staff' },
);
