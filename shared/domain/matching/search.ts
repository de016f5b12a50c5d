import { appendAuditEvent } from '../../adapters/data/audit';
import { getCase, getCaseByReference } from '../../adapters/data/cases';
import type { Db } from '../../adapters/data/db';
import { keyedDigest } from '../../adapters/data/keys';
import { findMatches } from '../../adapters/data/matches';
import { compactPostcode, foldText, type SearchTerms, searchMaterialOf } from '../../core/matching';
import { ValidationError } from '../../core/schemas/validation-error';
import { canSeeCase, type StaffCaller } from '../access/rules';
import { auditActorOf } from '../tasks/actor';
import { type MatchView, viewOf } from './matches';

// The staff search (seeds/003: a single view of the family): by reference, or through the family-match
// index (never a Scan) by name, date of birth and postcode. It answers only the records the caller
// may open, under the case page's rule (a refused record is simply not there), as facts: references,
// statuses and dates, no names. Every search is audited under the searcher (`staff#<id>`): which
// fields were given, a keyed hash of what they held (never the terms), how many records it answered.

/** How many matching records a search reads at most (a postcode may match a whole street). */
export const SEARCH_READ_LIMIT = 100;

export interface SearchRequest extends SearchTerms {
  reference?: string;
}

export interface SearchAnswer {
  items: MatchView[];
  truncated: boolean;
}

/** What the audit event keeps of the terms: recognisable with the key, unreadable without it. */
function termsDigest(request: SearchRequest): string {
  return keyedDigest(
    JSON.stringify([
      request.reference ?? '',
      foldText(request.givenName ?? ''),
      foldText(request.familyName ?? ''),
      request.dateOfBirth ?? '',
      compactPostcode(request.postcode ?? ''),
    ]),
  );
}

async function find(db: Db, caller: StaffCaller, request: SearchRequest): Promise<SearchAnswer> {
  if (request.reference) {
    const record = await getCaseByReference(db, request.reference);
    return { items: record && canSeeCase(caller, record) ? [viewOf(record)] : [], truncated: false };
  }
  const materials = searchMaterialOf(request);
  if (materials.length === 0) {
    throw new ValidationError([
      {
        path: 'familyName',
        rule: 'search',
        message: 'give a reference; a family name with a given name or date of birth; or a postcode',
      },
    ]);
  }
  const found = await findMatches(db, materials);
  const read = await Promise.all(
    found
      .slice(0, SEARCH_READ_LIMIT)
      .map(async (match) => ({ match, record: await getCase(db, match.caseId) })),
  );
  const items = read
    .filter((entry) => entry.record !== undefined && canSeeCase(caller, entry.record))
    .map(({ match, record }) => viewOf(record!, { strength: match.strength, kinds: match.kinds }));
  return { items, truncated: found.length > SEARCH_READ_LIMIT };
}

export async function searchRecords(
  db: Db,
  caller: StaffCaller,
  request: SearchRequest,
  now: Date,
): Promise<SearchAnswer> {
  const answer = await find(db, caller, request);
  const fields = (['reference', 'givenName', 'familyName', 'dateOfBirth', 'postcode'] as const).filter(
    (field) => request[field] !== undefined && request[field] !== '',
  );
  await appendAuditEvent(db, {
    subject: `staff#${caller.userId}`,
    at: now.toISOString(),
    actor: auditActorOf({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area }),
    action: 'search.performed',
    details: {
      fields: fields.join(','),
      terms: termsDigest(request),
      results: answer.items.length,
      truncated: answer.truncated,
    },
  });
  return answer;
}
