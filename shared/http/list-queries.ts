import { LOCALITY_IDS } from '../core/config';
import { COUNTY } from '../core/vocabulary/areas';
import { CASE_RECORD_ENTRY_TYPES } from '../core/vocabulary/case-record';
import { STAFF_ROLES } from '../core/vocabulary/roles';
import { TASK_STATUSES } from '../core/vocabulary/tasks';
import { cursorParam, isoDateParam, limitParam, oneOf, optional, trimmedText } from './query-params';

// The query strings of the list handlers that validate no body, checked without zod. The OpenAPI
// document describes the same parameters from the route table's zod schemas (case-record-query.ts for
// the chronology); tests/unit/http/query-params.test.ts holds each spec to its zod schema.

/** `GET /v1/staff`: staff of one role in one area (a locality or `county`). */
export const staffListQuery = {
  area: oneOf([...LOCALITY_IDS, COUNTY]),
  role: oneOf(STAFF_ROLES),
  cursor: cursorParam,
  limit: limitParam,
};

/** `GET /v1/tasks`: the caller's tasks and queues. */
export const taskListQuery = {
  status: optional(oneOf(TASK_STATUSES)),
  due: optional(oneOf(['today'])),
  cursor: cursorParam,
  limit: limitParam,
};

/** `GET /v1/cases/{id}/record`'s filters. */
export const chronologyQuery = {
  type: optional(oneOf(CASE_RECORD_ENTRY_TYPES)),
  person: optional(trimmedText(100)),
  from: optional(isoDateParam),
  to: optional(isoDateParam),
};
