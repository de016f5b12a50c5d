import { publicHttpHandler } from '../shared/http/handler';
import { buildOpenApiDocument } from '../shared/http/openapi';

// Built once per container: the document depends only on the code.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = publicHttpHandler(async () => {
  document ??= buildOpenApiDocument();
  return { status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
