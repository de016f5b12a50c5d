import { ulidSchema } from '../core/schemas/common';
import { notFound } from './problem';

/** The document id in the path, checked like the case id (anything else is simply not found). */
export function documentIdOf(pathParameters: Record<string, string>): string {
  const parsed = ulidSchema.safeParse(pathParameters.documentId);
  if (!parsed.success) throw notFound('No such document');
  return parsed.data;
}
