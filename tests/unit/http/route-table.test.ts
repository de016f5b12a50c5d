import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute } from '../../../local/api/router';
import { buildOpenApiDocument } from '../../../shared/http/openapi';
import { ROUTES } from '../../../shared/http/route-table';

describe('the route table', () => {
  it('names a handler file for every route', () => {
    const missing = ROUTES.filter((route) => !existsSync(`functions/${route.handler}.ts`));
    expect(missing).toEqual([]);
  });

  it('is fully described by the OpenAPI document', () => {
    const document = buildOpenApiDocument();
    const missing = ROUTES.filter(
      (route) => !document.paths?.[route.path]?.[route.method.toLowerCase() as 'get'],
    ).map((route) => `${route.method} ${route.path}`);
    expect(missing).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents each partner route with its OAuth scope', () => {
    const document = buildOpenApiDocument();
    for (const route of ROUTES.filter((entry) => entry.auth === 'partner')) {
      const operation = document.paths?.[route.path]?.[route.method.toLowerCase() as 'get'];
      const byMethod = route.method === 'GET' ? 'referrals/read' : 'referrals/write';
      const expected = route.scopes ?? [byMethod];
      expect(operation?.security, `${route.method} ${route.path}`).toEqual([{ partnerOAuth: expected }]);
    }
  });
});

describe('local routing', () => {
  const compiled = compileRoutes([
    { method: 'GET', path: '/v1/things/{id}', handler: 'a', auth: 'public' },
    { method: 'GET', path: '/v1/things/special', handler: 'b', auth: 'public' },
    { method: 'POST', path: '/v1/things/{id}/do', handler: 'c', auth: 'public' },
  ]);

  it('prefers literal segments over parameters, as API Gateway does', () => {
    const special = matchRoute(compiled, 'GET', '/v1/things/special');
    const other = matchRoute(compiled, 'GET', '/v1/things/x%20y');
    expect(special.kind === 'route' && special.compiled.route.handler).toBe('b');
    expect(other.kind === 'route' && other.pathParameters).toEqual({ id: 'x y' });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute(compiled, 'DELETE', '/v1/things/1')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET'],
    });
    expect(matchRoute(compiled, 'GET', '/v1/nothing')).toEqual({ kind: 'none' });
    expect(matchRoute(compiled, 'GET', '/v1/things/1/do/more')).toEqual({ kind: 'none' });
  });
});
