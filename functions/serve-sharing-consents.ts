import { canRecordSharingConsent } from '../shared/domain/access/rules';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { caseConsents, giveConsent, withdrawConsent } from '../shared/domain/sharing/consents';
import { ConflictError } from '../shared/adapters/data/db';
import { listPartners } from '../shared/adapters/data/partners';
import type { Case } from '../shared/core/schemas/case';
import { parseOrThrow, ValidationError } from '../shared/core/schemas/errors';
import {
  sharingConsentBodySchema,
  sharingPurposeSchema,
  sharingWithdrawalBodySchema,
} from '../shared/core/schemas/sharing-consent';
import { caseSummary } from '../shared/pages/case-view';
import { type PageErrors, pageErrors } from '../shared/pages/forms';
import { type PageRequest, PageNotFound, pageHandler } from '../shared/pages/handler';
import { keptCaseOf } from '../shared/pages/kept-case';
import {
  agencyItems,
  CONSENT_FIELDS,
  consentBodyFrom,
  consentView,
  PURPOSE_ITEMS,
  WITHDRAWAL_FIELDS,
  withdrawalBodyFrom,
} from '../shared/pages/sharing-consents';

// GET/POST /cases/{id}/sharing: what the family agreed to share, and the form to record a consent;
// GET/POST /cases/{id}/sharing/{partnerId}/{purpose}/withdraw: withdraw one. Read by those who keep
// the case record, recorded by the key worker or their senior; anyone else: 404.

const NO_ERRORS: PageErrors = { summary: [], byField: {} };

async function sharingPage(request: PageRequest, record: Case, status = 200, errors = NO_ERRORS) {
  const caller = request.staff!;
  const [consents, partners] = await Promise.all([
    caseConsents(request.db, record.id),
    listPartners(request.db),
  ]);
  return {
    kind: 'page' as const,
    template: 'sharing-consents',
    status,
    data: {
      title: `What the family agreed to share, ${record.reference}`,
      section: 'tasks',
      backLink: `/cases/${record.id}`,
      caseId: record.id,
      summary: caseSummary(record, caller.role),
      consents: consents.map(consentView),
      mayRecord: canRecordSharingConsent(caller, record),
      agencies: agencyItems(partners),
      purposes: PURPOSE_ITEMS,
      values: status === 200 ? {} : request.form,
      errors,
      done: request.query.done,
    },
  };
}

async function withdrawalPage(
  request: PageRequest,
  record: Case,
  partnerId: string,
  purpose: string,
  status = 200,
  errors = NO_ERRORS,
) {
  const consent = (await caseConsents(request.db, record.id)).find(
    (item) => item.partnerId === partnerId && item.purpose === purpose && item.status === 'given',
  );
  if (!consent) throw new PageNotFound();
  return {
    kind: 'page' as const,
    template: 'sharing-withdrawal',
    status,
    data: {
      title: `Withdraw consent for ${consent.partnerName}, ${record.reference}`,
      section: 'tasks',
      backLink: `/cases/${record.id}/sharing`,
      caseId: record.id,
      summary: caseSummary(record, request.staff!.role),
      consent: consentView(consent),
      values: status === 200 ? {} : request.form,
      errors,
    },
  };
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const { partnerId, purpose } = request.pathParameters;
    const record = await keptCaseOf(request);
    const withdrawing = partnerId !== undefined;
    if (!withdrawing && request.method === 'GET') {
      await noteCaseViewed(request.db, record.id, caller, 'sharing-consents', 'page', request.now);
      return sharingPage(request, record);
    }
    if (!canRecordSharingConsent(caller, record)) throw new PageNotFound();
    const parsedPurpose = sharingPurposeSchema.safeParse(purpose);
    if (withdrawing && !parsedPurpose.success) throw new PageNotFound();
    if (withdrawing && request.method === 'GET') return withdrawalPage(request, record, partnerId, purpose!);
    try {
      if (withdrawing) {
        const body = parseOrThrow(sharingWithdrawalBodySchema, withdrawalBodyFrom(request.form));
        await withdrawConsent(request.db, record, caller, partnerId, parsedPurpose.data!, body, request.now);
        return { kind: 'redirect', location: `/cases/${record.id}/sharing?done=withdrawn` };
      }
      const body = parseOrThrow(sharingConsentBodySchema, consentBodyFrom(request.form));
      await giveConsent(request.db, record, caller, body, request.now);
      return { kind: 'redirect', location: `/cases/${record.id}/sharing?done=given` };
    } catch (error) {
      let status: number;
      let errors: PageErrors;
      if (error instanceof ValidationError) {
        status = 422;
        errors = pageErrors(error.errors, withdrawing ? WITHDRAWAL_FIELDS : CONSENT_FIELDS);
      } else if (error instanceof ConflictError) {
        // Someone else recorded or withdrew it meanwhile: the list shows how it stands now.
        status = 409;
        const text = error.message.charAt(0).toUpperCase() + error.message.slice(1);
        errors = { summary: [{ text, href: '#consents' }], byField: {} };
        return sharingPage(request, record, status, errors);
      } else throw error;
      return withdrawing
        ? withdrawalPage(request, record, partnerId, purpose!, status, errors)
        : sharingPage(request, record, status, errors);
    }
  },
  { access: 'staff' },
);
