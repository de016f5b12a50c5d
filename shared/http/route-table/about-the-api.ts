import * as z from 'zod';
import type { RouteEntry } from './route';

// The API's own description, served by the API itself.

export const ABOUT_THE_API_ROUTES: readonly RouteEntry[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'get-openapi-document',
    auth: 'public',
    grants: { table: 'none' },
    doc: {
      summary: 'This document',
      tag: 'About the API',
      ok: { status: 200, description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) },
    },
  },
  {
    method: 'GET',
    path: '/docs',
    handler: 'get-api-docs',
    auth: 'public',
    grants: { table: 'none' },
    doc: {
      summary: 'This document as a readable page',
      tag: 'About the API',
      ok: { status: 200, description: 'HTML', schema: z.string(), contentType: 'text/html' },
    },
  },
];
