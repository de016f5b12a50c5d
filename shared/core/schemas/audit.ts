import * as z from 'zod/mini';
import { caseStatusSchema } from './case';
import { instantSchema, slugIdSchema, ulidSchema } from './common';
import { staffRoleSchema } from './roles';

// Who did what, when. Written once, never updated. No personal data: ids and statuses only.

export const actorSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    type: z.enum(['staff', 'partner', 'system', 'family']),
    id: slugIdSchema,
    role: z.optional(staffRoleSchema),
  }))();
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'system' };

/**
 * Known actions; add, never rename (the audit trail's readers rely on them).
 * @public
 */
export const AUDIT_ACTIONS = [
  'case.created',
  'case.status-changed',
  'case.updated',
  'case.duplicate-flagged',
  'case.allocated',
  'case.waiting-listed',
  'case.transferred',
  'case.closed',
  'case.support-started',
  'case.support-extended',
  'case.reviewed',
  'case.assessed',
  'case.consent-recorded',
  'case.record-entry-added',
  'case.record-entry-revised',
  'case.exported',
  'case.lead-professional-changed',
  'case.sharing-consent-given',
  'case.sharing-consent-withdrawn',
  'case.plan-written',
  'case.plan-action-updated',
  'case.taf-meeting-recorded',
  'case.match-linked',
  'case.match-dismissed',
  'search.performed',
  'person.exported',
  'document.upload-requested',
  'document.received',
  'document.scanned',
  'document.downloaded',
  'forecast.produced',
  'task.created',
  'task.completed',
  'task.cancelled',
  'task.reminded',
  'task.escalated',
  'task.reassigned',
  'task.timed-out',
  'worker.created',
  'worker.updated',
  'partner.created',
  'partner.updated',
  'report.drafted',
  'report.submitted',
  'retention.case-deleted',
  'case.outcome-recorded',
  'claim.family-claimed',
  'claim.audit-failed',
] as const;

const detailValue = /* @__PURE__ */ (() =>
  z.union([z.string().check(z.maxLength(500)), z.number(), z.boolean(), z.null()]))();

export const auditEventSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    /** What the event is about: `case#<id>`, `worker#<id>`, `partner#<id>`, `report#<scope>#<period>`. */
    subject: z
      .string()
      .check(z.trim(), z.minLength(3), z.maxLength(100), z.regex(/^[a-z]+#[A-Za-z0-9#_-]+$/)),
    caseId: z.optional(ulidSchema),
    at: instantSchema,
    actor: actorSchema,
    action: z
      .string()
      .check(
        z.trim(),
        z.maxLength(60),
        z.regex(/^[a-z]+(\.[a-z-]+)+$/, 'area.verb, e.g. case.status-changed'),
      ),
    fromStatus: z.optional(caseStatusSchema),
    toStatus: z.optional(caseStatusSchema),
    taskId: z.optional(ulidSchema),
    details: z.optional(
      z
        .record(z.string().check(z.maxLength(50)), detailValue)
        .check(z.refine((details) => Object.keys(details).length <= 20, 'at most 20 details')),
    ),
  }))();

export type AuditEvent = z.infer<typeof auditEventSchema>;
