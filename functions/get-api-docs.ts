import { renderDocsPage } from '../shared/http/docs-page';
import { publicHttpHandler } from '../shared/http/handler';
import { buildOpenApiDocument } from '../shared/http/openapi';

let page: string | undefined;

export const handler = publicHttpHandler(async () => {
  page ??= renderDocsPage(buildOpenApiDocument());
  return {
    status: 200,
    text: page,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=300',
      // Never inside another site's frame (clickjacking).
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
    },
  };
});
