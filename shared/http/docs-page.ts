// The readable page at /docs: the OpenAPI document rendered on the server as plain HTML, so it needs
// no script, no CDN and no asset bundle, and serves the same from Lambda as from the local server.

type Json = Record<string, any>;

const html = (value: unknown) =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const REF = '#/components/schemas/';

/** A named schema as a link to its entry under Schemas; any other schema as its JSON. */
function schemaBlock(schema: unknown): string {
  const ref = (schema as Json | undefined)?.$ref;
  if (typeof ref === 'string' && ref.startsWith(REF)) {
    const name = ref.slice(REF.length);
    return `<p>Schema: <a href="#schema-${html(name)}">${html(name)}</a></p>`;
  }
  return `<details><summary>Schema</summary><pre>${html(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function namedSchemas(document: Json): string {
  const entries = Object.entries((document.components?.schemas ?? {}) as Json);
  if (entries.length === 0) return '';
  return `<h2>Schemas</h2>${entries
    .map(
      ([name, schema]) =>
        `<section id="schema-${html(name)}"><h3>${html(name)}</h3>${
          (schema as Json).description ? `<pre class="about">${html((schema as Json).description)}</pre>` : ''
        }<details><summary>Schema</summary><pre>${html(JSON.stringify(schema, null, 2))}</pre></details></section>`,
    )
    .join('\n')}`;
}

function operation(path: string, method: string, op: Json): string {
  const security = (op.security ?? []) as Json[];
  const auth =
    security.length === 0
      ? 'none'
      : security
          .map((entry) =>
            Object.entries(entry)
              .map(
                ([name, scopes]) =>
                  `${name}${(scopes as string[]).length ? ` (${(scopes as string[]).join(' ')})` : ''}`,
              )
              .join(', '),
          )
          .join('; ');
  const params = ((op.parameters ?? []) as Json[])
    .map(
      (param) =>
        `<tr><td><code>${html(param.name)}</code></td><td>${html(param.in)}</td><td>${param.required ? 'yes' : 'no'}</td><td>${html(param.description ?? param.schema?.description ?? '')}</td></tr>`,
    )
    .join('');
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries((op.responses ?? {}) as Json)
    .map(([status, response]) => {
      const content = Object.values((response as Json).content ?? {})[0] as Json | undefined;
      return `<li><strong>${html(status)}</strong> ${html((response as Json).description)}${
        content?.schema && status.startsWith('2') ? schemaBlock(content.schema) : ''
      }</li>`;
    })
    .join('');
  return `<section id="${html(op.operationId)}">
<h3><span class="method">${html(method.toUpperCase())}</span> <code>${html(path)}</code></h3>
<p>${html(op.summary)}</p>
<p class="auth">Authentication: ${html(auth)}</p>
${params ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>About</th></tr></thead><tbody>${params}</tbody></table>` : ''}
${body ? `<h4>Request body (application/json)</h4>${schemaBlock(body)}` : ''}
<h4>Responses</h4><ul>${responses}</ul>
</section>`;
}

export function renderDocsPage(document: Json): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const tag = ((op as Json).tags?.[0] as string) ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(path, method, op as Json)]);
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, operations]) => `<h2>${html(tag)}</h2>${operations.join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(document.info?.title)}</title>
<style>
body{font-family:system-ui,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c;line-height:1.5}
h2{border-bottom:2px solid #1d70b8;padding-bottom:.25rem;margin-top:2.5rem}
section{border-left:4px solid #b1b4b6;padding-left:1rem;margin:1.5rem 0}
.method{display:inline-block;min-width:4.5rem;background:#1d70b8;color:#fff;padding:0 .4rem;font-size:.9em}
table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;padding:.2rem .5rem;text-align:left}
pre.about{background:none;white-space:pre-wrap;padding:0}
pre{background:#f3f2f1;padding:.75rem;overflow:auto;max-height:30rem}.auth{color:#505a5f}
</style></head><body>
<h1>${html(document.info?.title)}</h1>
<p>${html(document.info?.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${html(document.openapi)}).
Tokens: <code>POST /oauth2/token</code> (client credentials) for partners, <code>POST /v1/session</code> for staff.</p>
${sections}
${namedSchemas(document)}
</body></html>`;
}
