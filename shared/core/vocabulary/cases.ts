// A case's statuses, the moves between them and its support levels, as plain values.

export const OPEN_CASE_STATUSES = [
  'RECEIVED',
  'SCREENING',
  'HUB_DECISION',
  'WAITING_LIST',
  'ALLOCATED',
  'CONSENT',
  'ASSESSMENT',
  'SUPPORT',
] as const;

/** Statuses a case cannot leave. `CLOSED` closes a supported case; the others end a journey early. */
export const FINAL_CASE_STATUSES = ['CLOSED', 'STEPPED_UP', 'REDIRECTED', 'NFA', 'WITHDRAWN'] as const;

export const CASE_STATUSES = [...OPEN_CASE_STATUSES, ...FINAL_CASE_STATUSES] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type OpenCaseStatus = (typeof OPEN_CASE_STATUSES)[number];

export function isOpenStatus(status: CaseStatus): status is OpenCaseStatus {
  return (OPEN_CASE_STATUSES as readonly string[]).includes(status);
}

const ENDS_FROM_ANY_OPEN: CaseStatus[] = ['STEPPED_UP', 'WITHDRAWN'];
const CLOSABLE: CaseStatus[] = ['CLOSED'];

/**
 * The moves a case may make. Any open case can be stepped up or withdrawn; a case with a key
 * worker can go back to the waiting list (worker left, transfer) or be closed.
 */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  // A step-down from children's social care skips the screen (already assessed there).
  RECEIVED: ['SCREENING', 'HUB_DECISION', ...ENDS_FROM_ANY_OPEN],
  SCREENING: ['HUB_DECISION', ...ENDS_FROM_ANY_OPEN],
  HUB_DECISION: ['ALLOCATED', 'WAITING_LIST', 'REDIRECTED', 'NFA', ...ENDS_FROM_ANY_OPEN],
  WAITING_LIST: ['ALLOCATED', ...ENDS_FROM_ANY_OPEN],
  ALLOCATED: ['CONSENT', 'WAITING_LIST', ...CLOSABLE, ...ENDS_FROM_ANY_OPEN],
  CONSENT: ['ASSESSMENT', 'WAITING_LIST', ...CLOSABLE, ...ENDS_FROM_ANY_OPEN],
  ASSESSMENT: ['SUPPORT', 'WAITING_LIST', ...CLOSABLE, ...ENDS_FROM_ANY_OPEN],
  SUPPORT: ['WAITING_LIST', ...CLOSABLE, ...ENDS_FROM_ANY_OPEN],
  CLOSED: [],
  STEPPED_UP: [],
  REDIRECTED: [],
  NFA: [],
  WITHDRAWN: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

export const SUPPORT_LEVELS = ['standard', 'enhanced'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];
