import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';

// What a page template compiles to, the same whether a bundle's build compiles every template ahead
// (infra/functions/page-templates.ts, so a Lambda carries only nunjucks' runtime, not its compiler)
// or a process running from source compiles each one on first use (render.ts, so an edited template
// shows after a restart). The options are the lexer's (whitespace) and the compiler's
// (throwOnUndefined); autoescaping is the runtime's and stays in render.ts's environment.

export const TEMPLATE_OPTIONS = {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: true,
  lstripBlocks: true,
} as const;

/** nunjucks' compiler (`require('nunjucks').compiler`); passed in, so no handler bundle imports it. */
export interface TemplateCompiler {
  compile(
    source: string,
    asyncFilters: string[],
    extensions: unknown[],
    name: string,
    options: typeof TEMPLATE_OPTIONS,
  ): string;
}

/** The body of a function returning the template's `{ root, b_<block>... }`, as nunjucks runs it. */
export function templateCode(compiler: TemplateCompiler, source: string, name: string): string {
  return compiler.compile(source, [], [], name, TEMPLATE_OPTIONS);
}

/**
 * Where a template name is looked up, in order (nunjucks' FileSystemLoader order before): our
 * templates (`case.njk`), the task types' forms (`<type>/form.njk`), GOV.UK Frontend's `dist`
 * (`govuk/components/button/macro.njk`).
 */
export interface TemplateRoots {
  templates: string;
  taskTypes: string;
  govukDist: string;
}

/** A name relative to the template naming it (GOV.UK's `../../macros/attributes.njk`), made absolute. */
export function resolveTemplateName(from: string, to: string): string {
  return posix.normalize(posix.join(posix.dirname(from), to));
}

export const isRelativeTemplateName = (name: string) => name.startsWith('./') || name.startsWith('../');

/** Every template a page can reach, by name, with its file: what a bundle's build compiles. */
export function listTemplates(roots: TemplateRoots): Map<string, string> {
  const found = new Map<string, string>();
  const add = (name: string, file: string) => {
    if (!found.has(name)) found.set(name, file);
  };
  const walk = (root: string, under: string) =>
    readdirSync(join(root, under), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.njk'))
      .sort()
      .map((file) => posix.join(under, file.split('\\').join('/')));
  for (const name of walk(roots.templates, '')) add(name, join(roots.templates, name));
  for (const type of readdirSync(roots.taskTypes).sort()) {
    const form = join(roots.taskTypes, type, 'form.njk');
    if (existsSync(form)) add(`${type}/form.njk`, form);
  }
  for (const name of walk(roots.govukDist, 'govuk')) add(name, join(roots.govukDist, name));
  return found;
}
