import { ADMIN_ROUTES } from './admin';
import { DOCUMENT_ROUTES } from './documents';
import { ABOUT_THE_API_ROUTES } from './about-the-api';
import { PAGE_ROUTES } from './pages';
import { PARTNER_ROUTES } from './partner';
import type { RouteEntry } from './route';
import { SHARING_ROUTES } from './sharing';
import { STAFF_ROUTES } from './staff';
import { TEAM_ROUTES } from './team';

// The single route table: API Gateway (infra/api), the local API server, the authorizers, the OpenAPI
// document and the handlers' IAM grants (infra/functions-manifest.ts) are all built from these
// entries, so no route can exist in one runtime only. A new route is its handler file and one entry
// in the file of its audience (docs/architecture.md).

export type { HandlerGrants } from './grants';
export type { NamedBody, Route, RouteDoc, RouteEntry, RouteExamples } from './route';

export const ROUTES: readonly RouteEntry[] = [
  ...PARTNER_ROUTES,
  ...TEAM_ROUTES,
  ...STAFF_ROUTES,
  ...SHARING_ROUTES,
  ...DOCUMENT_ROUTES,
  ...ADMIN_ROUTES,
  ...PAGE_ROUTES,
  ...ABOUT_THE_API_ROUTES,
];
