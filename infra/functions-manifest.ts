// One entry per handler file in functions/ (`functions/<name>.ts`): what the handler may touch.
// The CDK app grants exactly this and nothing else; tests/infra fails when a file has no entry or an
// entry has no file. Add your entry in the same commit as your handler.

export type TableAccess = 'readWrite' | 'read' | 'none';

export interface FunctionEntry {
  /** The handler's file base name, e.g. `create-case` for functions/create-case.ts */
  name: string;
  /** Access to the domain table (TABLE_NAME); `read` is GetItem/BatchGetItem/Query/Scan only. */
  table: TableAccess;
  /** Sends email through SES (SENDER_ADDRESS, SES_CONFIGURATION_SET, PAGES_BASE_URL). */
  sendsEmail?: boolean;
  /** Workflow names (workflows/<name>.asl.json) it starts executions of; each gets `<NAME>_STATE_MACHINE_ARN`. */
  startsExecutions?: string[];
  /** Workflow names it may stop executions of (e.g. cancelling a human task); same env variables. */
  stopsExecutions?: string[];
  /** Workflow names whose executions' history it reads (the case page's journey); same env variables. */
  readsExecutions?: string[];
  /**
   * Answers task tokens (SendTaskSuccess/Failure/Heartbeat): `true` for every workflow of the app,
   * or the workflow names whose tokens it answers.
   */
  sendsTaskCallbacks?: boolean | string[];
  /** Uses the Powertools idempotency store (IDEMPOTENCY_TABLE_NAME, read/write). */
  idempotency?: boolean;
  /** Staff sign-in (`signIn`: USER_POOL_ID, STAFF_CLIENT_ID) or user/partner-client administration (`admin`). */
  userPool?: 'signIn' | 'admin';
  /** Receives SES bounce/complaint/reject events from the email events topic (asynchronous, with a DLQ). */
  subscribesToEmailEvents?: boolean;
  /** Reserve concurrency where a downstream limit demands it (e.g. the SES sending rate). */
  reservedConcurrency?: number;
  /**
   * Serves the staff pages: the bundle also carries the page templates and static files
   * (shared/pages/templates, shared/pages/static) and GOV.UK Frontend's templates and assets, under
   * `pages-files/` beside the handler (shared/pages/files.ts finds them there).
   */
  bundlesPageFiles?: boolean;
  /** Default 512. */
  memoryMb?: number;
  /** Default 10 (API Gateway gives up after 29). */
  timeoutSeconds?: number;
}

export const FUNCTIONS: readonly FunctionEntry[] = [
  // HTTP API (shared/http). Every authenticated handler reads the table: the caller's partner or
  // staff record decides on each request whether they may still act.
  { name: 'get-referral', table: 'read' },
  { name: 'list-referrals', table: 'read' },
  { name: 'create-session', table: 'readWrite', userPool: 'signIn' },
  { name: 'list-tasks', table: 'read' },
  { name: 'get-task', table: 'read' },
  { name: 'get-case', table: 'read' },
  { name: 'get-report', table: 'read' },
  { name: 'list-localities', table: 'read' },
  { name: 'list-staff', table: 'read' },
  { name: 'create-staff-member', table: 'readWrite', userPool: 'admin' },
  { name: 'update-staff-member', table: 'readWrite', userPool: 'admin' },
  { name: 'list-partners', table: 'read' },
  { name: 'create-partner', table: 'readWrite', userPool: 'admin' },
  { name: 'rotate-partner-secret', table: 'readWrite', userPool: 'admin' },
  { name: 'revoke-partner', table: 'readWrite', userPool: 'admin' },
  { name: 'get-openapi-document', table: 'none' },
  { name: 'get-api-docs', table: 'none' },
  // Referrals start journeys; withdrawals and completions answer the open task's token.
  { name: 'create-referral', table: 'readWrite', idempotency: true, startsExecutions: ['journey'] },
  { name: 'create-self-referral', table: 'readWrite', startsExecutions: ['journey'] },
  { name: 'withdraw-referral', table: 'readWrite', sendsTaskCallbacks: ['human-task'], sendsEmail: true },
  { name: 'complete-task', table: 'readWrite', sendsTaskCallbacks: ['human-task'] },
  // Staff change a case's course outside its tasks: open tasks cancelled (callbacks), people told.
  { name: 'step-up-case', table: 'readWrite', sendsTaskCallbacks: ['human-task'], sendsEmail: true },
  { name: 'withdraw-case', table: 'readWrite', sendsTaskCallbacks: ['human-task'], sendsEmail: true },
  { name: 'transfer-case', table: 'readWrite', sendsTaskCallbacks: ['human-task'], sendsEmail: true },
  { name: 'extend-case-support', table: 'readWrite' },

  // The family journey (workflows/journey.asl.json, workflows/human-task.asl.json; docs/journey.md).
  // Steps that email or move other records are idempotent (Powertools) against Step Functions retries.
  {
    name: 'open-task',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
    idempotency: true,
  },
  {
    name: 'record-task-outcome',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
    idempotency: true,
    timeoutSeconds: 30,
  },
  {
    name: 'allocate-case',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
    idempotency: true,
    timeoutSeconds: 30,
  },
  { name: 'schedule-review', table: 'read' },
  { name: 'continue-journey', table: 'none', startsExecutions: ['journey'] },
  {
    name: 'chase-task',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
  },
  { name: 'register-task-token', table: 'readWrite', sendsTaskCallbacks: ['human-task'] },

  // Staff pages (shared/pages): HTML over the same route table. Sessions and drafts are table items.
  { name: 'serve-sign-in', table: 'readWrite', userPool: 'signIn', bundlesPageFiles: true },
  { name: 'serve-asset', table: 'none', bundlesPageFiles: true },
  { name: 'serve-my-tasks', table: 'read', bundlesPageFiles: true },
  { name: 'serve-case-page', table: 'read', readsExecutions: ['journey'], bundlesPageFiles: true },
  // Step up, withdraw, transfer, extend support from the case page (the journey's functions).
  {
    name: 'serve-case-action',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
    bundlesPageFiles: true,
  },
  { name: 'serve-dashboard', table: 'read', bundlesPageFiles: true },
  { name: 'serve-reports', table: 'read', bundlesPageFiles: true },
  // Receives a family's referral (starts the journey), as POST /v1/self-referrals does.
  { name: 'serve-self-referral', table: 'readWrite', startsExecutions: ['journey'], bundlesPageFiles: true },
  // Completes tasks through the journey's completeTask (resumes the human-task wait; allocation writes).
  {
    name: 'serve-task-page',
    table: 'readWrite',
    sendsTaskCallbacks: ['human-task'],
    bundlesPageFiles: true,
    timeoutSeconds: 30,
  },

  // The reporting cycle (workflows/reporting-cycle.asl.json; docs/decisions.md, Reporting).
  { name: 'prepare-reports', table: 'readWrite', memoryMb: 1024, timeoutSeconds: 120 },
  { name: 'open-report-task', table: 'readWrite', sendsEmail: true, idempotency: true },
  { name: 'record-report-task', table: 'readWrite' },

  // SES bounces and complaints (the email-events topic): the address suppressed, an administrator alarmed.
  { name: 'record-email-event', table: 'none', subscribesToEmailEvents: true },

  // The daily retention sweep (workflows/retention-sweep.asl.json; docs/decisions.md, Retention).
  // Serialised by a lease in the table, not reserved concurrency (a reservation fails the deploy on an
  // account with the new-account quota of 10).
  { name: 'sweep-retention', table: 'readWrite', timeoutSeconds: 300 },
];
