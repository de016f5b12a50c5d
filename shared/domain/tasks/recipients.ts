import { type Db, workers } from '../../adapters/data';
import { parseOwner } from '../../core/schemas';
import type { StaffRole } from '../../core/vocabulary/roles';

// Email addresses behind a task owner: the worker, or every active member of a role queue.

export async function emailsOfRole(db: Db, role: StaffRole, area: string): Promise<string[]> {
  const emails: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await workers.listWorkers(db, area, role, { limit: 500, ...(cursor ? { cursor } : {}) });
    emails.push(...page.items.filter((worker) => worker.active).map((worker) => worker.email));
    cursor = page.nextCursor;
  } while (cursor);
  return emails;
}

export async function emailsOfOwner(db: Db, owner: string): Promise<string[]> {
  const parsed = parseOwner(owner);
  if (parsed.kind === 'role') return emailsOfRole(db, parsed.role, parsed.area);
  const worker = await workers.getWorker(db, parsed.workerId);
  return worker?.active ? [worker.email] : [];
}
