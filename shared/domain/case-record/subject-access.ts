import type { AuditEvent } from '../../core/schemas/audit';
import type { Case } from '../../core/schemas/case';
import type { CaseRecordEntry } from '../../core/schemas/case-record';
import type { CaseViewRecord } from '../../core/schemas/case-view-record';
import type { SharingConsent } from '../../core/schemas/sharing-consent';
import type { FamilyPlan } from '../../core/schemas/family-plan';
import type { TafMeeting } from '../../core/schemas/taf-meeting';
import type { CaseDocument } from '../../core/schemas/documents';
import type { Task } from '../../core/schemas/task';
import { listPlanVersions } from '../../adapters/data/family-plan';
import { listTafMeetings } from '../../adapters/data/taf-meetings';
import { appendAuditEvent, listAuditEvents } from '../../adapters/data/audit';
import { listEntryVersions } from '../../adapters/data/case-record';
import { listCaseViews } from '../../adapters/data/case-views';
import type { Db } from '../../adapters/data/db';
import { listConsents } from '../../adapters/data/sharing-consents';
import { listDocuments } from '../../adapters/data/documents';
import { listTasksForCase } from '../../adapters/data/tasks';
import type { StaffCaller } from '../access/rules';
import { auditActorOf } from '../tasks/actor';
import { noteCaseViewed } from './views';

// A subject access request (UK GDPR Art. 15): everything held about a family's case, the case record,
// every version of every chronology entry, every version of the family plan and the Team Around the
// Family meetings, its documents (what they are, not their bytes), its tasks and outcomes, the audit
// trail of who changed what
// and the record of who viewed it. Nothing is removed: what may concern a third party is listed in
// `redactions` (a JSON path and why) for the person answering the request to review before disclosing.
// The export itself is audited and recorded as a view.

export interface Redaction {
  /** Where in this export, e.g. `case.referral.referrer.email` or `chronology.3.present.agencies.0`. */
  path: string;
  reason: string;
}

export interface SubjectAccessExport {
  exportedAt: string;
  exportedBy: string;
  /** The person the request is from or about, when named; other people are then third parties. */
  subject?: string;
  case: Case;
  tasks: Omit<Task, 'taskToken'>[];
  chronology: CaseRecordEntry[];
  /** What the family agreed to share, with which agency, and any withdrawal. */
  sharingConsents: SharingConsent[];
  /** Every version of the family plan, oldest first. */
  plan: FamilyPlan[];
  /** Team Around the Family meetings, in the order held. */
  tafMeetings: TafMeeting[];
  /** The case's documents: what each is (name, type, size, scan), not their bytes (sent apart if asked). */
  documents: CaseDocument[];
  audit: AuditEvent[];
  views: CaseViewRecord[];
  redactions: Redaction[];
}

const FREE_TEXT = 'free text: may name or describe other people; read before disclosing';

function sameName(a: string, b: string): boolean {
  const norm = (value: string) => value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** What may concern third parties: the referrer, other family members, agencies, and free text. */
export function redactionsOf(
  data: Pick<SubjectAccessExport, 'case' | 'tasks' | 'chronology' | 'subject'> &
    Partial<Pick<SubjectAccessExport, 'plan' | 'tafMeetings' | 'documents'>>,
): Redaction[] {
  const found: Redaction[] = [];
  const { referral } = data.case;
  if (referral.source !== 'self') {
    for (const field of ['name', 'role', 'organisation', 'email', 'phone'] as const) {
      if (referral.referrer[field]) {
        found.push({
          path: `case.referral.referrer.${field}`,
          reason: 'third party: the professional who referred',
        });
      }
    }
  }
  if (data.subject) {
    referral.family.members.forEach((member, index) => {
      if (!sameName(`${member.givenName} ${member.familyName}`, data.subject!)) {
        found.push({
          path: `case.referral.family.members.${index}`,
          reason:
            'another family member: disclose only what they have agreed to, or what is about the subject too',
        });
      }
    });
  }
  found.push({ path: 'case.referral.reason', reason: FREE_TEXT });
  data.tasks.forEach((task, index) => {
    if (task.outcome !== undefined) found.push({ path: `tasks.${index}.outcome`, reason: FREE_TEXT });
  });
  data.chronology.forEach((entry, index) => {
    entry.present.agencies.forEach((_, at) => {
      found.push({
        path: `chronology.${index}.present.agencies.${at}`,
        reason: 'third party: another agency',
      });
    });
    entry.present.family.forEach((name, at) => {
      if (!data.subject || !sameName(name, data.subject)) {
        found.push({ path: `chronology.${index}.present.family.${at}`, reason: 'another family member' });
      }
    });
    found.push({ path: `chronology.${index}.text`, reason: FREE_TEXT });
  });
  data.plan?.forEach((version, v) => {
    version.goals.forEach((goal, g) => {
      goal.actions.forEach((action, a) => {
        if (action.owner.kind === 'practitioner') {
          found.push({
            path: `plan.${v}.goals.${g}.actions.${a}.owner`,
            reason: 'third party: another agency',
          });
        } else if (
          action.owner.kind === 'family-member' &&
          (!data.subject || !sameName(action.owner.name, data.subject))
        ) {
          found.push({ path: `plan.${v}.goals.${g}.actions.${a}.owner`, reason: 'another family member' });
        }
      });
    });
    version.review?.carerStars.forEach((star, c) => {
      if (!data.subject || !sameName(star.carer, data.subject)) {
        found.push({ path: `plan.${v}.review.carerStars.${c}`, reason: 'another family member' });
      }
    });
  });
  data.tafMeetings?.forEach((_meeting, index) => {
    found.push({ path: `tafMeetings.${index}.attendees`, reason: 'third party: other agencies' });
    found.push({ path: `tafMeetings.${index}.decisions`, reason: FREE_TEXT });
  });
  data.documents?.forEach((_, index) => {
    found.push({ path: `documents.${index}.name`, reason: 'a file name: may name other people' });
  });
  return found;
}

async function allAudit(db: Db, caseId: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(db, `case#${caseId}`, { limit: 500, ...(cursor ? { cursor } : {}) });
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

export async function exportCase(
  db: Db,
  record: Case,
  caller: StaffCaller,
  options: { subject?: string; format: 'json' | 'html'; at: Date },
): Promise<SubjectAccessExport> {
  // Recorded first, so the export shows itself among the views and in the audit trail it carries.
  await appendAuditEvent(db, {
    subject: `case#${record.id}`,
    caseId: record.id,
    at: options.at.toISOString(),
    actor: auditActorOf({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area }),
    action: 'case.exported',
    details: { format: options.format, subjectNamed: options.subject !== undefined },
  });
  await noteCaseViewed(db, record.id, caller, 'export', 'api', options.at);
  const [tasks, chronology, sharingConsents, plan, tafMeetings, documents, audit, views] = await Promise.all([
    listTasksForCase(db, record.id),
    listEntryVersions(db, record.id),
    listConsents(db, record.id),
    listPlanVersions(db, record.id),
    listTafMeetings(db, record.id),
    listDocuments(db, record.id),
    allAudit(db, record.id),
    listCaseViews(db, record.id),
  ]);
  const shownTasks = tasks
    .map(({ taskToken: _token, ...task }) => task)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const data = {
    exportedAt: options.at.toISOString(),
    exportedBy: caller.userId,
    ...(options.subject ? { subject: options.subject } : {}),
    case: record,
    tasks: shownTasks,
    chronology: chronology.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.version - b.version),
    sharingConsents,
    plan,
    tafMeetings,
    documents: documents.sort((a, b) => a.id.localeCompare(b.id)),
    audit,
    views,
  };
  return { ...data, redactions: redactionsOf(data) };
}
