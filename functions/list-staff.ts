import { defaultDb } from '../shared/adapters/data/db';
import { listWorkers } from '../shared/adapters/data/workers';
import { httpHandler } from '../shared/http/handler';
import { staffListQuery } from '../shared/http/list-queries';
import { readQuery } from '../shared/http/query-params';

// Staff of one role in one area (a locality or `county`), the way the table indexes them.

export const handler = httpHandler(async (request) => {
  const { area, role, cursor, limit } = readQuery(staffListQuery, request.query);
  const page = await listWorkers(defaultDb(), area, role, {
    ...(cursor ? { cursor } : {}),
    ...(limit ? { limit } : {}),
  });
  return { status: 200, body: { items: page.items, nextCursor: page.nextCursor ?? null } };
});
