// What a handler may touch. The CDK app grants exactly this and nothing else (infra/functions-manifest.ts
// collects it: HTTP handlers declare it on their route, the workflows' steps in the manifest).

export type TableAccess = 'readWrite' | 'read' | 'none';

export interface HandlerGrants {
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
  /**
   * The case documents bucket (DOCUMENTS_BUCKET), objects under `cases/` only: `put` signs upload links
   * (s3:PutObject, kms:GenerateDataKey), `get` download links (s3:GetObject, kms:Decrypt), `delete`
   * removes files (s3:DeleteObject). A presigned link acts with its signer's rights, so these are what
   * its holder can do, for minutes.
   */
  documents?: ('put' | 'get' | 'delete')[];
  /** Default 512. */
  memoryMb?: number;
  /** Default 10 (API Gateway gives up after 29). */
  timeoutSeconds?: number;
}
