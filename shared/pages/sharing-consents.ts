import type { Partner } from '../core/schemas/partner';
import {
  SHARING_PURPOSE_LABELS,
  SHARING_PURPOSES,
  type SharingConsent,
} from '../core/schemas/sharing-consent';
import { dateFrom, type FieldSpec, type FormValues, one, optional } from './forms';

// The sharing consents page (/cases/{id}/sharing): the form's fields as the API's bodies, and each
// consent as the page lists it.

export const CONSENT_FIELDS: Record<string, FieldSpec> = {
  partnerId: { label: 'the agency', kind: 'choice' },
  purpose: { label: 'what may be shared', kind: 'choice', href: 'purpose' },
  givenBy: { label: 'who in the family agreed', kind: 'text' },
  givenOn: { label: 'the date they agreed', kind: 'date', href: 'givenOn-day' },
  note: { label: 'a note', kind: 'text' },
};

export const WITHDRAWAL_FIELDS: Record<string, FieldSpec> = {
  withdrawnBy: { label: 'who in the family withdrew it', kind: 'text' },
  withdrawnOn: { label: 'the date they withdrew it', kind: 'date', href: 'withdrawnOn-day' },
  note: { label: 'a note', kind: 'text', href: 'withdrawalNote' },
};

export const PURPOSE_ITEMS = SHARING_PURPOSES.map((purpose) => ({
  value: purpose,
  text: SHARING_PURPOSE_LABELS[purpose],
}));

/** The agencies consent can be given to: the active partners, by name. */
export function agencyItems(partners: readonly Partner[]): { value: string; text: string }[] {
  return partners
    .filter((partner) => partner.active)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((partner) => ({ value: partner.id, text: partner.name }));
}

/** The posted form as the body `POST /v1/cases/{id}/sharing-consents` takes (the schema then checks it). */
export function consentBodyFrom(values: FormValues): Record<string, unknown> {
  const note = optional(values, 'note');
  return {
    partnerId: one(values, 'partnerId'),
    purpose: one(values, 'purpose'),
    givenBy: one(values, 'givenBy'),
    givenOn: dateFrom(values, 'givenOn'),
    ...(note ? { note } : {}),
  };
}

/** The posted withdrawal as the body of `POST .../sharing-consents/{partnerId}/{purpose}/withdraw`. */
export function withdrawalBodyFrom(values: FormValues): Record<string, unknown> {
  const note = optional(values, 'withdrawalNote');
  return {
    withdrawnBy: one(values, 'withdrawnBy'),
    withdrawnOn: dateFrom(values, 'withdrawnOn'),
    ...(note ? { note } : {}),
  };
}

export function consentView(consent: SharingConsent) {
  return {
    ...consent,
    purposeText: SHARING_PURPOSE_LABELS[consent.purpose],
    inForce: consent.status === 'given',
    withdrawPath: `/cases/${consent.caseId}/sharing/${consent.partnerId}/${consent.purpose}/withdraw`,
  };
}
