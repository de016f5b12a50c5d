import * as z from 'zod';
import { defaultDb } from '../shared/adapters/data/db';
import { listWorkers } from '../shared/adapters/data/workers';
import { httpHandler } from '../shared/http/handler';
import { cursorParam, limitParam, parseQuery } from '../shared/http/query';
import { areaSchema } from '../shared/core/schemas/common';
import { staffRoleSchema } from '../shared/core/schemas/roles';

// Staff of one role in one area (a locality or `county`), the way the table indexes them.
const querySchema = z.strictObject({
  area: areaSchema,
  role: staffRoleSchema,
  cursor: cursorParam,
  limit: limitParam,
});

export const handler = httpHandler(async (request) => {
  const { area, role, cursor, limit } = parseQuery(querySchema, request.query);
  const page = await listWorkers(defaultDb(), area, role, {
    ...(cursor ? { cursor } : {}),
    ...(limit ? { limit } : {}),
  });
  return { status: 200, body: { items: page.items, nextCursor: page.nextCursor ?? null } };
});
