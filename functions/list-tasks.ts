import { queuesOf } from '../shared/domain/access/rules';
import { londonDate } from '../shared/core/calendar/london';
import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { listTasksByOwner } from '../shared/adapters/data/tasks';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { HttpProblem } from '../shared/http/problem';
import { taskListQuery } from '../shared/http/list-queries';
import { readQuery } from '../shared/http/query-params';
import type { Task } from '../shared/core/schemas/task';
import type { TaskPriority } from '../shared/core/vocabulary/tasks';
import { toTaskSummary } from '../shared/core/task-summary';

// "My tasks and my queues": urgent tasks first (CONTRACT.md), then the rest; within each, the caller's
// own tasks first, then each queue of their role and area, each soonest due first. Each list is one
// Query on the owner's index (shared/adapters/data/tasks.ts keeps urgent tasks apart in the sort key),
// so paging never reorders: the cursor says which priority and list the next page continues.

const PHASES = ['urgent', 'normal'] as const satisfies readonly TaskPriority[];

interface Position {
  /** Absent in a cursor given out before priorities: that list goes on without them. */
  phase?: TaskPriority;
  source: number;
  cursor?: string;
}

function readCursor(cursor: string | undefined, sources: number): Position {
  if (!cursor) return { phase: 'urgent', source: 0 };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (
      Number.isInteger(parsed.source) &&
      parsed.source >= 0 &&
      parsed.source < sources &&
      (parsed.phase === undefined || PHASES.includes(parsed.phase))
    )
      return parsed;
  } catch {
    // falls through to the refusal
  }
  throw new HttpProblem(400, 'The cursor is not one this list gave out', {
    errors: [{ path: 'cursor', rule: 'cursor', message: 'pass back nextCursor unchanged' }],
  });
}

const writeCursor = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

/** Where the list goes on after a page of `position`'s list: its next page, the next list, or the normal tasks. */
function after(position: Position, nextCursor: string | undefined, sources: number): Position | undefined {
  if (nextCursor) return { ...position, cursor: nextCursor };
  const phase = position.phase ? { phase: position.phase } : {};
  if (position.source + 1 < sources) return { ...phase, source: position.source + 1 };
  return position.phase === 'urgent' ? { phase: 'normal', source: 0 } : undefined;
}

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const { status, due, cursor, limit } = readQuery(taskListQuery, request.query);
  const owners = [`worker:${caller.userId}`, ...queuesOf(caller)];
  const wanted = limit ?? 25;
  const db = defaultDb();
  const items: Task[] = [];
  let position: Position | undefined = readCursor(cursor, owners.length);
  // Fill the page from one list after another, so a page is short only at the very end.
  while (position && items.length < wanted) {
    const page = await listTasksByOwner(db, owners[position.source], {
      ...(status ? { status } : {}),
      ...(due === 'today' ? { dueOnOrBefore: londonDate(now()) } : {}),
      ...(position.phase ? { priority: position.phase } : {}),
      ...(position.cursor ? { cursor: position.cursor } : {}),
      limit: wanted - items.length,
    });
    items.push(...page.items);
    position = after(position, page.nextCursor, owners.length);
  }
  return {
    status: 200,
    body: { items: items.map(toTaskSummary), nextCursor: position ? writeCursor(position) : null },
  };
});
