import { page, PUBLIC_FORM_THROTTLE } from './common';
import type { RouteEntry } from './route';

// Staff pages (HTML, shared/pages). Public at the gateway: the page handlers check the session cookie
// themselves (shared/pages/handler.ts), so a signed-out visitor is sent to sign in rather than refused.
// Sessions and drafts are table items; every page handler bundles the templates and static files.

const PAGE = { auth: 'public' } as const;

export const PAGE_ROUTES: readonly RouteEntry[] = [
  {
    method: 'GET',
    path: '/sign-in',
    handler: 'serve-sign-in',
    ...PAGE,
    grants: { table: 'readWrite', userPool: 'signIn', bundlesPageFiles: true },
    doc: page('The sign-in page'),
  },
  {
    method: 'POST',
    path: '/sign-in',
    handler: 'serve-sign-in',
    ...PAGE,
    throttle: PUBLIC_FORM_THROTTLE,
    doc: page('Sign in (form post with the CSRF token); starts a session cookie', 'redirect'),
  },
  {
    method: 'POST',
    path: '/sign-out',
    handler: 'serve-sign-in',
    ...PAGE,
    doc: page('Sign out (form post); ends the session', 'redirect'),
  },
  {
    method: 'GET',
    path: '/tasks',
    handler: 'serve-my-tasks',
    ...PAGE,
    grants: { table: 'read', bundlesPageFiles: true },
    doc: page('My tasks: due today, overdue and upcoming; team tasks for overseers'),
  },
  {
    method: 'GET',
    path: '/tasks/{id}',
    handler: 'serve-task-page',
    ...PAGE,
    // Completes tasks through the journey's completeTask (resumes the human-task wait; allocation writes;
    // a review's plan write syncs the plan's tasks: emails and their executions).
    grants: {
      table: 'readWrite',
      sendsTaskCallbacks: ['human-task'],
      startsExecutions: ['human-task'],
      sendsEmail: true,
      bundlesPageFiles: true,
      timeoutSeconds: 30,
    },
    doc: page("A task's page: its form, or its outcome once completed (opening it changes nothing)"),
  },
  {
    method: 'POST',
    path: '/tasks/{id}',
    handler: 'serve-task-page',
    ...PAGE,
    doc: page('Complete the task or save a draft (form post with the CSRF token)', 'redirect'),
  },
  {
    method: 'GET',
    path: '/cases/{id}',
    handler: 'serve-case-page',
    ...PAGE,
    // Records the view (who opened the case: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite', readsExecutions: ['journey'], bundlesPageFiles: true },
    doc: page('A case: status, key worker, due dates, its journey as a timeline, tasks, Family Star chart'),
  },
  {
    method: 'GET',
    path: '/cases/{id}/{action}',
    handler: 'serve-case-action',
    ...PAGE,
    // Step up, withdraw, transfer, extend support from the case page (the journey's functions).
    grants: {
      table: 'readWrite',
      sendsEmail: true,
      sendsTaskCallbacks: ['human-task'],
      startsExecutions: ['human-task'],
      bundlesPageFiles: true,
    },
    doc: page('A case action form: step up, withdraw, transfer or extend support'),
  },
  {
    method: 'POST',
    path: '/cases/{id}/{action}',
    handler: 'serve-case-action',
    ...PAGE,
    doc: page('Send a case action (form post); the same schemas as POST /v1/cases/{id}/...', 'redirect'),
  },
  {
    method: 'POST',
    path: '/cases/{id}/matches/{matchId}',
    handler: 'serve-case-match',
    ...PAGE,
    grants: { table: 'readWrite', bundlesPageFiles: true },
    doc: page('Link a possible match as the same family, or dismiss it (form post)', 'redirect'),
  },
  {
    method: 'GET',
    path: '/search',
    handler: 'serve-search',
    ...PAGE,
    grants: { table: 'readWrite', bundlesPageFiles: true },
    doc: page('Find a record: by reference, name, date of birth or postcode'),
  },
  {
    method: 'POST',
    path: '/search',
    handler: 'serve-search',
    ...PAGE,
    doc: page('Search (form post, so nothing searched for sits in a URL); the records you may open; audited'),
  },
  {
    method: 'GET',
    path: '/cases/{id}/plan',
    handler: 'serve-family-plan',
    ...PAGE,
    grants: {
      table: 'readWrite',
      // The plan's staff actions become tasks (email, own human-task execution); finished ones cancelled.
      sendsEmail: true,
      startsExecutions: ['human-task'],
      sendsTaskCallbacks: ['human-task'],
      bundlesPageFiles: true,
    },
    doc: page('The family plan: goals, actions, what is late, and each goal and star area across reviews'),
  },
  {
    method: 'POST',
    path: '/cases/{id}/plan',
    handler: 'serve-family-plan',
    ...PAGE,
    doc: page(
      "Change the family plan (form post): an action's status, a new goal or action; the same schemas as the plan's API",
      'redirect',
    ),
  },
  {
    method: 'GET',
    path: '/cases/{id}/taf-meetings',
    handler: 'serve-taf-meetings',
    ...PAGE,
    grants: {
      table: 'readWrite',
      // The plan's staff actions become tasks (email, own human-task execution); finished ones cancelled.
      sendsEmail: true,
      startsExecutions: ['human-task'],
      sendsTaskCallbacks: ['human-task'],
      bundlesPageFiles: true,
    },
    doc: page("A case's Team Around the Family meetings"),
  },
  {
    method: 'GET',
    path: '/cases/{id}/taf-meetings/new',
    handler: 'serve-taf-meetings',
    ...PAGE,
    doc: page('The form to record a Team Around the Family meeting'),
  },
  {
    method: 'POST',
    path: '/cases/{id}/taf-meetings/new',
    handler: 'serve-taf-meetings',
    ...PAGE,
    doc: page(
      'Record a Team Around the Family meeting (form post); the same schema as POST /v1/cases/{id}/taf-meetings',
      'redirect',
    ),
  },
  {
    method: 'GET',
    path: '/cases/{id}/record',
    handler: 'serve-case-record',
    ...PAGE,
    grants: { table: 'readWrite', bundlesPageFiles: true },
    doc: page("A case's record: its chronology with filters, and the form to add an entry"),
  },
  {
    method: 'POST',
    path: '/cases/{id}/record',
    handler: 'serve-case-record',
    ...PAGE,
    doc: page(
      'Add an entry to the case record (form post); the same schema as POST /v1/cases/{id}/record',
      'redirect',
    ),
  },
  {
    method: 'GET',
    path: '/cases/{id}/record/{entryId}',
    handler: 'serve-case-record',
    ...PAGE,
    doc: page('One entry of the case record: its versions, and the form to revise it'),
  },
  {
    method: 'POST',
    path: '/cases/{id}/record/{entryId}',
    handler: 'serve-case-record',
    ...PAGE,
    doc: page('Revise an entry (form post): writes its next version', 'redirect'),
  },
  {
    method: 'GET',
    path: '/cases/{id}/sharing',
    handler: 'serve-sharing-consents',
    ...PAGE,
    grants: { table: 'readWrite', bundlesPageFiles: true },
    doc: page('What the family agreed to share with partner agencies, and the form to record a consent'),
  },
  {
    method: 'POST',
    path: '/cases/{id}/sharing',
    handler: 'serve-sharing-consents',
    ...PAGE,
    doc: page(
      'Record a consent to share (form post); the same schema as POST /v1/cases/{id}/sharing-consents',
      'redirect',
    ),
  },
  {
    method: 'GET',
    path: '/cases/{id}/documents',
    handler: 'serve-case-documents',
    ...PAGE,
    // Signs upload links (put) and download links (get) for the people who keep the case record.
    grants: { table: 'readWrite', documents: ['put', 'get'], bundlesPageFiles: true },
    doc: page(
      "A case's documents, each with its scan status and a download link once clean; the upload form",
    ),
  },
  {
    method: 'POST',
    path: '/cases/{id}/documents',
    handler: 'serve-case-documents',
    ...PAGE,
    doc: page(
      "Attach a file (the page's script posts what the file is, then PUTs it to the link answered as JSON); the same schema as POST /v1/cases/{id}/documents",
    ),
  },
  {
    method: 'GET',
    path: '/cases/{id}/documents/{documentId}',
    handler: 'serve-case-documents',
    ...PAGE,
    doc: page(
      'Download a document: a redirect to a one-minute link, once scanned clean; audited',
      'redirect',
    ),
  },
  {
    method: 'GET',
    path: '/cases/{id}/sharing/{partnerId}/{purpose}/withdraw',
    handler: 'serve-sharing-consents',
    ...PAGE,
    doc: page('The form to withdraw a consent in force'),
  },
  {
    method: 'POST',
    path: '/cases/{id}/sharing/{partnerId}/{purpose}/withdraw',
    handler: 'serve-sharing-consents',
    ...PAGE,
    doc: page("Withdraw a consent (form post): the agency's access ends at once", 'redirect'),
  },
  {
    method: 'GET',
    path: '/dashboard',
    handler: 'serve-dashboard',
    ...PAGE,
    grants: { table: 'read', bundlesPageFiles: true },
    doc: page('A locality at a glance: caseloads, waiting list, overdue tasks, the quarter so far, drift'),
  },
  {
    method: 'GET',
    path: '/referrals/new',
    handler: 'serve-staff-referral',
    ...PAGE,
    // Records a staff referral (starts the journey), as POST /v1/staff-referrals does.
    grants: { table: 'readWrite', startsExecutions: ['journey'], bundlesPageFiles: true },
    doc: page("Record a referral: a contact to the front door, or a step-down from children's social care"),
  },
  {
    method: 'POST',
    path: '/referrals/new',
    handler: 'serve-staff-referral',
    ...PAGE,
    doc: page('Send a staff referral (form post); the same schema as POST /v1/staff-referrals'),
  },
  {
    method: 'GET',
    path: '/self-referral',
    handler: 'serve-self-referral',
    ...PAGE,
    // Receives a family's referral (starts the journey), as POST /v1/self-referrals does.
    grants: { table: 'readWrite', startsExecutions: ['journey'], bundlesPageFiles: true },
    doc: page("The families' own form to ask for help (public)"),
  },
  {
    method: 'POST',
    path: '/self-referral',
    handler: 'serve-self-referral',
    ...PAGE,
    throttle: PUBLIC_FORM_THROTTLE,
    doc: page('Send a self-referral (form post); the same schema as POST /v1/self-referrals'),
  },
  {
    method: 'GET',
    path: '/reports',
    handler: 'serve-reports',
    ...PAGE,
    grants: { table: 'read', bundlesPageFiles: true },
    doc: page('The quarterly and annual reports the caller may read'),
  },
  {
    method: 'GET',
    path: '/reports/{scope}/{period}',
    handler: 'serve-reports',
    ...PAGE,
    doc: page('A stored report (latest version) as a page'),
  },
  {
    method: 'GET',
    path: '/reports/{scope}/{period}/csv',
    handler: 'serve-reports',
    ...PAGE,
    doc: page('A stored report as CSV', 'file'),
  },
  {
    method: 'GET',
    path: '/forecast',
    handler: 'serve-forecast',
    ...PAGE,
    // Reads aggregates; writes each forecast's audit event.
    grants: { table: 'readWrite', bundlesPageFiles: true },
    doc: page('The forecast: the next 13 or 26 weeks from today, with a what-if beside the baseline'),
  },
  {
    method: 'GET',
    path: '/claims',
    handler: 'serve-claims',
    ...PAGE,
    grants: { table: 'read', bundlesPageFiles: true },
    doc: page(
      'The results claim windows of the last eight quarters, for locality managers and the head of service',
    ),
  },
  {
    method: 'GET',
    path: '/claims/{window}',
    handler: 'serve-claims',
    ...PAGE,
    doc: page("A claim window's claim file as a page: each figure links to the families it counts"),
  },
  {
    method: 'GET',
    path: '/claims/{window}/families',
    handler: 'serve-claims',
    ...PAGE,
    doc: page('The families one figure of a claim file counts, by case reference (linking to the case page)'),
  },
  {
    method: 'GET',
    path: '/progress-returns/{quarter}',
    handler: 'serve-progress-returns',
    ...PAGE,
    grants: { table: 'read', bundlesPageFiles: true },
    doc: page(
      "A quarter's progress return as a page, for locality managers and the head of service: each figure links to the families it counts",
    ),
  },
  {
    method: 'GET',
    path: '/progress-returns/{quarter}/families',
    handler: 'serve-progress-returns',
    ...PAGE,
    doc: page(
      'The families one figure of a progress return counts, by case reference (linking to the case page)',
    ),
  },
  // GOV.UK Frontend's assets at exactly /assets (its stylesheet names /assets/fonts/...), CSS and JS at /static.
  {
    method: 'GET',
    path: '/assets/{part}',
    handler: 'serve-asset',
    ...PAGE,
    grants: { table: 'none', bundlesPageFiles: true },
    doc: page("GOV.UK Frontend's assets (manifest)", 'file'),
  },
  {
    method: 'GET',
    path: '/assets/{part}/{file}',
    handler: 'serve-asset',
    ...PAGE,
    doc: page("GOV.UK Frontend's fonts and images", 'file'),
  },
  {
    method: 'GET',
    path: '/static/{file}',
    handler: 'serve-asset',
    ...PAGE,
    doc: page("The pages' stylesheets and scripts", 'file'),
  },
  {
    method: 'GET',
    path: '/cases/{id}/outcomes',
    handler: 'serve-case-outcomes',
    ...PAGE,
    grants: { table: 'readWrite', bundlesPageFiles: true },
    doc: page(
      "A case's Supporting Families outcome evidence per need, whether it is claimable, and the form to record evidence",
    ),
  },
  {
    method: 'POST',
    path: '/cases/{id}/outcomes',
    handler: 'serve-case-outcomes',
    ...PAGE,
    doc: page(
      "Record a need's outcome evidence (form post); the same schema as POST /v1/cases/{id}/outcomes",
      'redirect',
    ),
  },
];
