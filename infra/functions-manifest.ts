import { type HandlerGrants, ROUTES, type RouteEntry } from '../shared/http/route-table';

// One entry per handler file in functions/ (`functions/<name>.ts`): what the handler may touch. The CDK
// app grants exactly this and nothing else; tests/infra fails when a file has no entry or an entry has
// no file. An HTTP handler declares its grants on its route (shared/http/route-table); the handlers the
// workflows, the schedule and the email events call are listed here.

export interface FunctionEntry extends HandlerGrants {
  /** The handler's file base name, e.g. `create-case` for functions/create-case.ts */
  name: string;
}

/** One entry per HTTP handler, from the one route of its routes that declares its grants. */
export function routeHandlers(routes: readonly RouteEntry[]): FunctionEntry[] {
  const declared = new Map<string, HandlerGrants>();
  for (const route of routes) {
    if (!route.grants) continue;
    if (declared.has(route.handler))
      throw new Error(`${route.handler} declares its grants on two routes: declare them on one`);
    declared.set(route.handler, route.grants);
  }
  const missing = [...new Set(routes.map((route) => route.handler))].filter((name) => !declared.has(name));
  if (missing.length > 0) throw new Error(`No route declares the grants of ${missing.join(', ')}`);
  return [...declared].map(([name, grants]) => ({ name, ...grants }));
}

/** The handlers nothing routes to: the workflows' steps, the retention sweep, the email events. */
const NON_HTTP_HANDLERS: readonly FunctionEntry[] = [
  // The family journey (workflows/journey.asl.json, workflows/human-task.asl.json; docs/journey.md).
  // Steps that email or move other records are idempotent against Step Functions retries: open-task by
  // its task's unique key and the note on it that the owner was told, record-task-outcome by the last
  // task the case applied, allocate-case by its writes' version conditions and its first read of the case.
  {
    name: 'open-task',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
  },
  {
    name: 'record-task-outcome',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
    timeoutSeconds: 30,
  },
  {
    name: 'allocate-case',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
    timeoutSeconds: 30,
  },
  { name: 'schedule-review', table: 'read' },
  { name: 'continue-journey', table: 'none', startsExecutions: ['journey'] },
  {
    name: 'chase-task',
    table: 'readWrite',
    sendsEmail: true,
    sendsTaskCallbacks: ['human-task'],
    // A plan action's task has no parent: its chase starts the next generation after 60 days.
    startsExecutions: ['human-task'],
  },
  { name: 'register-task-token', table: 'readWrite', sendsTaskCallbacks: ['human-task'] },

  // The reporting cycle (workflows/reporting-cycle.asl.json; docs/decisions.md, Reporting).
  { name: 'prepare-reports', table: 'readWrite', memoryMb: 1024, timeoutSeconds: 120 },
  { name: 'open-report-task', table: 'readWrite', sendsEmail: true, idempotency: true },
  { name: 'record-report-task', table: 'readWrite' },

  // The results claim cycle (workflows/claim-cycle.asl.json; docs/decisions.md, issue #19). Its audit and
  // sign-off tasks are opened and recorded by open-report-task and record-report-task above.
  { name: 'prepare-claims', table: 'readWrite', memoryMb: 1024, timeoutSeconds: 300 },
  { name: 'record-claim-audits', table: 'readWrite' },
  { name: 'produce-claim-file', table: 'readWrite', memoryMb: 1024, timeoutSeconds: 300 },

  // SES bounces and complaints (the email-events topic): the address suppressed, an administrator alarmed.
  { name: 'record-email-event', table: 'none', subscribesToEmailEvents: true },

  // A case's documents: the bytes' arrival (S3) and the malware scan's result (GuardDuty), through
  // EventBridge (infra/documents; docs/decisions.md, "Case documents").
  { name: 'record-document-event', table: 'readWrite', documents: [] },

  // The daily retention sweep (workflows/retention-sweep.asl.json; docs/decisions.md, Retention).
  // Serialised by a lease in the table, not reserved concurrency (a reservation fails the deploy on an
  // account with the new-account quota of 10).
  { name: 'sweep-retention', table: 'readWrite', documents: ['delete'], timeoutSeconds: 300 },
];

export const FUNCTIONS: readonly FunctionEntry[] = [...routeHandlers(ROUTES), ...NON_HTTP_HANDLERS];
