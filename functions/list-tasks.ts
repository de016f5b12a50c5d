import * as z from 'zod';
import { queuesOf } from '../shared/domain/access/rules';
import { londonDate } from '../shared/core/calendar/london';
import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { listTasksByOwner } from '../shared/adapters/data/tasks';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { HttpProblem } from '../shared/http/problem';
import { cursorParam, limitParam, parseQuery } from '../shared/http/query';
import { TASK_STATUSES, type Task, toTaskSummary } from '../shared/core/schemas/task';

// "My tasks and my queues": the caller's own tasks first, then each queue of their role and area,
// each soonest due first. The cursor says which of those lists the next page continues.

const querySchema = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  due: z.enum(['today']).optional().describe('today: only tasks due today or overdue'),
  cursor: cursorParam,
  limit: limitParam,
});

interface Position {
  source: number;
  cursor?: string;
}

function readCursor(cursor: string | undefined, sources: number): Position {
  if (!cursor) return { source: 0 };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (Number.isInteger(parsed.source) && parsed.source >= 0 && parsed.source < sources) return parsed;
  } catch {
    // falls through to the refusal
  }
  throw new HttpProblem(400, 'The cursor is not one this list gave out', {
    errors: [{ path: 'cursor', rule: 'cursor', message: 'pass back nextCursor unchanged' }],
  });
}

const writeCursor = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const { status, due, cursor, limit } = parseQuery(querySchema, request.query);
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
      ...(position.cursor ? { cursor: position.cursor } : {}),
      limit: wanted - items.length,
    });
    items.push(...page.items);
    position = page.nextCursor
      ? { source: position.source, cursor: page.nextCursor }
      : position.source + 1 < owners.length
        ? { source: position.source + 1 }
        : undefined;
  }
  return {
    status: 200,
    body: { items: items.map(toTaskSummary), nextCursor: position ? writeCursor(position) : null },
  };
});
