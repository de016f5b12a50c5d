import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import { compareDocuments } from './compatibility';
import {
  committedDocument,
  DOCUMENT_PATH,
  documentText,
  ROOT,
  ROUTE_AUTH_PATH,
  routeAuthText,
  TYPES_PATH,
  typesText,
} from './generate';

// `npm run openapi:write`: publishes the generated document as docs/openapi.json and regenerates the
// client types from it, and the route table's authentication facts the handlers read
// (shared/http/route-auth.json). Refuses a change that removes or narrows anything unless info.version is
// raised (API_VERSION in shared/http/openapi.ts). `npm run openapi:types`: the types only, from the
// committed document.

const typesOnly = process.argv.includes('--types-only');

async function main(): Promise<number> {
  if (!typesOnly) {
    const next = buildOpenApiDocument();
    const previous = committedDocument();
    if (previous) {
      const { breaks, versionRaised } = compareDocuments(previous, next);
      if (breaks.length > 0 && !versionRaised) {
        console.error(
          `The change removes or narrows the published contract; raise API_VERSION (now ${next.info.version}) in shared/http/openapi.ts first:\n  ${breaks.join('\n  ')}`,
        );
        return 1;
      }
    }
    writeFileSync(DOCUMENT_PATH, documentText(next));
    console.log(`wrote ${relative(ROOT, DOCUMENT_PATH)} (version ${next.info.version})`);
    writeFileSync(ROUTE_AUTH_PATH, routeAuthText());
    console.log(`wrote ${relative(ROOT, ROUTE_AUTH_PATH)}`);
  }
  const document = committedDocument();
  if (!document) {
    console.error(`no ${relative(ROOT, DOCUMENT_PATH)}: run npm run openapi:write`);
    return 1;
  }
  writeFileSync(TYPES_PATH, await typesText(document));
  console.log(`wrote ${relative(ROOT, TYPES_PATH)}`);
  return 0;
}

process.exitCode = await main();
