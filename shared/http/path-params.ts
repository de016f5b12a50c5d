import { HttpProblem } from './problem';

// Apart from the query checks (query.ts builds zod schemas at load): most handlers read an id only.

export function pathId(pathParameters: Record<string, string>, name = 'id'): string {
  const value = pathParameters[name] ?? '';
  // Ids are ULIDs or slugs; anything else cannot name a record, so it is simply not found.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new HttpProblem(404, 'No such resource');
  return value;
}
