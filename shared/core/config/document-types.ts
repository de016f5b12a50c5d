/**
 * The file types a case document may be, each with the extension a download is named with: what the
 * code supports. The configuration (documents.json) chooses which of them are accepted.
 */
export const SUPPORTED_DOCUMENT_CONTENT_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type SupportedContentType = keyof typeof SUPPORTED_DOCUMENT_CONTENT_TYPES;
