import {
  type CaseDocument,
  ACCEPTED_CONTENT_TYPES,
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_TYPES,
  type DocumentStatus,
} from '../core/schemas/documents';
import type { FormValues } from './forms';

// The documents page's half: labels, how a document is shown, and the posted form read into the
// request the API takes (the page's script posts what the file is; the bytes go to the bucket).

export const DOCUMENT_TYPE_LABELS: Record<(typeof DOCUMENT_TYPES)[number], string> = {
  'signed-consent': 'Signed consent',
  assessment: 'Assessment',
  letter: 'Letter',
  plan: 'Plan',
  other: 'Other',
};

const STATUS_TAGS: Record<DocumentStatus, { text: string; classes: string }> = {
  'awaiting-upload': { text: 'Not uploaded', classes: 'govuk-tag--grey' },
  scanning: { text: 'Being checked', classes: 'govuk-tag--yellow' },
  available: { text: 'Available', classes: 'govuk-tag--green' },
  quarantined: { text: 'Blocked: failed the virus check', classes: 'govuk-tag--red' },
  expired: { text: 'Not uploaded: the link expired', classes: 'govuk-tag--grey' },
};

export const DOCUMENT_TYPE_ITEMS = DOCUMENT_TYPES.map((value) => ({
  value,
  text: DOCUMENT_TYPE_LABELS[value],
}));

/** `application/pdf,image/jpeg,...` and `.pdf,.jpg,...` for the file input's `accept`. */
export const ACCEPTED_FILES = [
  ...ACCEPTED_CONTENT_TYPES,
  ...ACCEPTED_CONTENT_TYPES.map((type) => `.${DOCUMENT_CONTENT_TYPES[type]}`),
].join(',');

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function documentView(document: CaseDocument) {
  return {
    id: document.id,
    name: document.name,
    type: DOCUMENT_TYPE_LABELS[document.type],
    kind: DOCUMENT_CONTENT_TYPES[document.contentType].toUpperCase(),
    size: size(document.size),
    uploadedBy: document.uploadedBy,
    requestedAt: document.requestedAt,
    status: STATUS_TAGS[document.status],
    available: document.status === 'available',
  };
}

/** What the page's script posts (strings) as the API's request body; the schema checks the rest. */
export function documentRequestFrom(form: FormValues): Record<string, unknown> {
  const one = (name: string) => {
    const value = form[name];
    return typeof value === 'string' ? value : undefined;
  };
  const sizeText = one('size');
  return {
    name: one('name'),
    type: one('type'),
    contentType: one('contentType'),
    size: sizeText !== undefined && /^\d{1,12}$/.test(sizeText) ? Number(sizeText) : sizeText,
  };
}
