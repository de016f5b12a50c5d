import { canKeepCaseRecord } from '../shared/domain/access/rules';
import {
  addEntry,
  entryVersions,
  readChronology,
  reviseEntry,
} from '../shared/domain/case-record/chronology';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { getCase } from '../shared/adapters/data/cases';
import {
  deleteCaseRecordDraft,
  getCaseRecordDraft,
  saveCaseRecordDraft,
} from '../shared/adapters/data/drafts';
import { directory } from '../shared/adapters/identity/directory';
import { ConflictError, NotFoundError } from '../shared/adapters/data/db';
import { caseRecordEntryBodySchema, caseRecordRevisionBodySchema } from '../shared/core/schemas/case-record';
import { parseOrThrow, ValidationError } from '../shared/core/schemas/errors';
import {
  ENTRY_FIELD_ORDER,
  ENTRY_FIELDS,
  ENTRY_TYPE_ITEMS,
  entryBodyFrom,
  entryView,
  filterFrom,
  formValuesOf,
} from '../shared/pages/case-record';
import { caseSummary } from '../shared/pages/case-view';
import { type PageErrors, pageErrors, wholeNumber, one } from '../shared/pages/forms';
import { type PageRequest, PageNotFound, pageHandler } from '../shared/pages/handler';
import { keptCaseOf } from '../shared/pages/kept-case';
import type { Case } from '../shared/core/schemas/case';

// GET/POST /cases/{id}/record: the case's chronology with its filters and the form to add an entry;
// GET/POST /cases/{id}/record/{entryId}: one entry's versions and the form to revise it. For the people
// who work with the family (canKeepCaseRecord); anyone else: 404. What is typed is kept as a draft
// (autosaved by the page's script, "Save draft" without it, and when the session ran out mid-entry).

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** The draft of a new entry; a revision's draft is named by its entry's id. */
const NEW_ENTRY = 'new';
const NO_ERRORS: PageErrors = { summary: [], byField: {} };

async function chronologyPage(request: PageRequest, record: Case, status = 200, errors = NO_ERRORS) {
  const filter = filterFrom(request.query);
  const [entries, draft] = await Promise.all([
    readChronology(request.db, record.id, filter),
    getCaseRecordDraft(request.db, record.id, request.staff!.userId, NEW_ENTRY),
  ]);
  return {
    kind: 'page' as const,
    template: 'case-record',
    status,
    data: {
      title: `Case record ${record.reference}`,
      section: 'tasks',
      backLink: `/cases/${record.id}`,
      caseId: record.id,
      summary: caseSummary(record, request.staff!.role),
      entries: entries.map(entryView),
      filter,
      filtered: Object.keys(filter).length > 0,
      types: ENTRY_TYPE_ITEMS,
      values: status === 200 ? (draft?.values ?? { occurredTime: '' }) : request.form,
      draftSavedAt: draft?.savedAt,
      errors,
      added: request.query.added === '1',
      saved: request.query.saved === '1',
    },
  };
}

async function entryPage(
  request: PageRequest,
  record: Case,
  entryId: string,
  status = 200,
  errors = NO_ERRORS,
) {
  const [versions, draft] = await Promise.all([
    entryVersions(request.db, record.id, entryId),
    getCaseRecordDraft(request.db, record.id, request.staff!.userId, entryId),
  ]);
  const latest = versions.at(-1)!;
  const fresh = { ...formValuesOf(latest), revises: String(latest.version) };
  return {
    kind: 'page' as const,
    template: 'case-record-entry',
    status,
    data: {
      title: `Entry in case record ${record.reference}`,
      section: 'tasks',
      backLink: `/cases/${record.id}/record`,
      caseId: record.id,
      reference: record.reference,
      entryId,
      latest: entryView(latest),
      earlier: versions.slice(0, -1).reverse().map(entryView),
      types: ENTRY_TYPE_ITEMS,
      values: status === 200 ? (draft?.values ?? fresh) : request.form,
      draftSavedAt: draft?.savedAt,
      errors,
      revised: request.query.revised === '1',
      saved: request.query.saved === '1',
    },
  };
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const { entryId } = request.pathParameters;
    const record = await keptCaseOf(request);
    if (entryId !== undefined && !ULID.test(entryId)) throw new PageNotFound();
    try {
      if (request.method === 'GET') {
        const what = entryId ? 'case-record-entry' : 'case-record';
        await noteCaseViewed(request.db, record.id, caller, what, 'page', request.now);
        return entryId ? await entryPage(request, record, entryId) : await chronologyPage(request, record);
      }
      const target = entryId ?? NEW_ENTRY;
      if (one(request.form, 'action') === 'save-draft') {
        const { action: _action, ...values } = request.form;
        await saveCaseRecordDraft(request.db, {
          caseId: record.id,
          userId: caller.userId,
          target,
          values,
          savedAt: request.now.toISOString(),
        });
        if (request.view.headers['x-autosave'] === '1') return { kind: 'empty', status: 204 };
        const page = entryId ? `/cases/${record.id}/record/${entryId}` : `/cases/${record.id}/record`;
        return { kind: 'redirect', location: `${page}?saved=1` };
      }
      const fields = entryBodyFrom(request.form);
      if (!entryId) {
        await addEntry(
          request.db,
          record,
          caller,
          parseOrThrow(caseRecordEntryBodySchema, fields),
          request.now,
        );
        await deleteCaseRecordDraft(request.db, record.id, caller.userId, target);
        return { kind: 'redirect', location: `/cases/${record.id}/record?added=1` };
      }
      const body = parseOrThrow(caseRecordRevisionBodySchema, {
        ...fields,
        revises: wholeNumber(request.form, 'revises'),
      });
      await reviseEntry(request.db, record, caller, entryId, body, request.now);
      await deleteCaseRecordDraft(request.db, record.id, caller.userId, target);
      return { kind: 'redirect', location: `/cases/${record.id}/record/${entryId}?revised=1` };
    } catch (error) {
      if (error instanceof NotFoundError) throw new PageNotFound();
      let status: number;
      let errors: PageErrors;
      if (error instanceof ValidationError) {
        status = 422;
        errors = pageErrors(error.errors, ENTRY_FIELDS, ENTRY_FIELD_ORDER);
      } else if (error instanceof ConflictError) {
        status = 409;
        errors = {
          summary: [
            {
              text: 'Someone revised this entry while you were editing it: the latest version is shown below. Make your changes to it again.',
              href: '#main-content',
            },
          ],
          byField: {},
        };
        // Their words stay in the form; the version it revises becomes the latest, shown above it.
        const latest = (await entryVersions(request.db, record.id, entryId!)).at(-1)!;
        request.form = { ...request.form, revises: String(latest.version) };
      } else throw error;
      return entryId
        ? entryPage(request, record, entryId, status, errors)
        : chronologyPage(request, record, status, errors);
    }
  },
  {
    access: 'staff',
    // The session ran out while an entry was being written: keep it for when they sign in again.
    async onExpiredPost(request, userId) {
      const { id = '', entryId } = request.pathParameters;
      const record = ULID.test(id) ? await getCase(request.db, id) : undefined;
      if (!record || (entryId !== undefined && !ULID.test(entryId))) return undefined;
      const member = await directory().staffMember(userId);
      if (!member?.active) return undefined;
      const caller = { kind: 'staff' as const, userId, role: member.role, area: member.area };
      if (!canKeepCaseRecord(caller, record)) return undefined;
      const { action: _action, ...values } = request.form;
      await saveCaseRecordDraft(request.db, {
        caseId: record.id,
        userId,
        target: entryId ?? NEW_ENTRY,
        values,
        savedAt: request.now.toISOString(),
      });
      return 'draft-saved';
    },
  },
);
