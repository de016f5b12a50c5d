import { appendAuditEvent } from '../adapters/data/audit';
import type { Db } from '../adapters/data/db';
import type { Actor } from '../core/schemas/audit';

// Every administrative change leaves an audit event on its subject (who, what, when; ids only).
export function auditAdminChange(
  db: Db,
  input: {
    subject: `worker#${string}` | `partner#${string}`;
    action: 'worker.created' | 'worker.updated' | 'partner.created' | 'partner.updated';
    actor: Actor;
    at: string;
    details?: Record<string, string | number | boolean | null>;
  },
) {
  return appendAuditEvent(db, {
    subject: input.subject,
    action: input.action,
    actor: input.actor,
    at: input.at,
    ...(input.details ? { details: input.details } : {}),
  });
}
