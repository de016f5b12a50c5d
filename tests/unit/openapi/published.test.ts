import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDocuments, versionRaised } from '../../../local/openapi/compatibility';
import {
  committedDocument,
  documentText,
  ROUTE_AUTH_PATH,
  routeAuthText,
  TYPES_PATH,
  typesText,
} from '../../../local/openapi/generate';
import { ROUTES } from '../../../shared/http/route-table';
import { findRoute, requiredScopes } from '../../../shared/http/routes';
import { buildOpenApiDocument } from '../../../shared/http/openapi';

// The published contract (docs/openapi.json) against the code: a change that removes or narrows
// anything fails unless info.version is raised; any other change must be published with
// `npm run openapi:write`, which also regenerates the client types (docs/partners.md).

const generated = buildOpenApiDocument() as any;
const published = committedDocument()!;

const clone = <T>(value: T): T => structuredClone(value);

describe('the published document', () => {
  it('is neither removed from nor narrowed by the code, or its version is raised', () => {
    const { breaks, versionRaised: raised } = compareDocuments(published, generated);
    expect(
      raised || breaks.length === 0,
      `raise API_VERSION in shared/http/openapi.ts:\n${breaks.join('\n')}`,
    ).toBe(true);
  });

  it('is what the code generates (run npm run openapi:write to publish a change)', () => {
    expect(documentText(published)).toBe(documentText(generated));
  });

  it('has committed client types that are what it generates (npm run openapi:types)', async () => {
    expect(readFileSync(TYPES_PATH, 'utf8')).toBe(await typesText(published));
  });
});

describe("the route table's authentication facts the handlers read (shared/http/route-auth.json)", () => {
  it('are what the route table generates (run npm run openapi:write after changing a route)', () => {
    expect(readFileSync(ROUTE_AUTH_PATH, 'utf8')).toBe(routeAuthText());
  });

  it("give every route the table's authentication and scopes", () => {
    for (const route of ROUTES) {
      const found = findRoute(`${route.method} ${route.path}`);
      expect(found?.auth, `${route.method} ${route.path}`).toBe(route.auth);
      expect(requiredScopes(found!)).toEqual(requiredScopes(route));
    }
    expect(findRoute('GET /v1/no-such-route')).toBeUndefined();
  });
});

describe('the compatibility check', () => {
  it('passes an addition: a new optional property, a new route, a new enum value in a request', () => {
    const next = clone(generated);
    next.components.schemas.SelfReferral.properties.nickname = { type: 'string' };
    next.paths['/v1/new-thing'] = { get: { responses: { 200: { description: 'ok' } } } };
    next.components.schemas.PartnerReferral.properties.locality.enum.push('rutland');
    expect(compareDocuments(generated, next).breaks).toEqual([]);
  });

  it.each([
    [
      'a removed operation',
      (d: any) => delete d.paths['/v1/referrals'].get,
      /GET \/v1\/referrals: operation removed/,
    ],
    [
      'a removed oneOf branch',
      (d: any) => d.components.schemas.TaskCompletion.oneOf.pop(),
      /TaskCompletion.*oneOf branch removed/,
    ],
    [
      'a removed response property',
      (d: any) =>
        delete d.paths['/v1/referrals/{id}'].get.responses['200'].content['application/json'].schema
          .properties.outcome,
      /GET \/v1\/referrals\/\{id\} 200 application\/json: property outcome removed/,
    ],
    [
      'a newly required request field',
      (d: any) => d.components.schemas.SelfReferral.required.push('partnerReference'),
      /SelfReferral \(request\): partnerReference now required/,
    ],
    [
      'a tightened limit',
      (d: any) => (d.components.schemas.PartnerReferral.properties.reason.maxLength = 100),
      /maxLength lowered to 100/,
    ],
    [
      'a removed enum value',
      (d: any) => d.components.schemas.PartnerReferral.properties.locality.enum.pop(),
      /value "[a-z-]+" removed/,
    ],
    [
      'a removed named schema',
      (d: any) => delete d.components.schemas.StaffReferral,
      /components.schemas.StaffReferral: removed/,
    ],
  ])('fails %s unless the version is raised', (_, change, message) => {
    const next = clone(generated);
    change(next);
    const same = compareDocuments(generated, next);
    next.info.version = '99.0.0';
    const raised = compareDocuments(generated, next);
    expect(same.breaks.join('\n')).toMatch(message);
    expect(same.versionRaised).toBe(false);
    expect(raised.versionRaised).toBe(true);
  });

  it('compares versions part by part', () => {
    expect(versionRaised('1.9.0', '1.10.0')).toBe(true);
    expect(versionRaised('1.1.0', '1.1.0')).toBe(false);
    expect(versionRaised('2.0.0', '1.9.9')).toBe(false);
  });
});
