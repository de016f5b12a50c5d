import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import nunjucks from 'nunjucks/browser/nunjucks-slim.js';
import { REFERRAL_RECORDERS } from '../domain/access/rules';
import { pageFiles } from './files';
import {
  isRelativeTemplateName,
  resolveTemplateName,
  TEMPLATE_OPTIONS,
  type TemplateCompiler,
  type TemplateRoots,
  templateCode,
} from './template-code';
import {
  areaLabel,
  CASE_STATUS_LABELS,
  CASE_STATUS_TAGS,
  formatDay,
  formatInstant,
  ownerLabel,
  roleLabel,
  TASK_STATUS_LABELS,
  TASK_TYPE_LABELS,
} from './labels';

// Server-side rendering with nunjucks over our templates and GOV.UK Frontend's own (its page
// template and component macros, from the package's dist folder), autoescaped. Only nunjucks'
// runtime is imported (its slim build, 37 KB against the 86 KB compiler and runtime a page bundle
// carried; a deployed bundle takes the same runtime from nunjucks' sources, its Environment and what
// that uses, 27 KB: infra/functions/handler-bundles.ts): a bundle's templates come compiled by the
// build (`pages-files/templates.cjs`), and from source each template is compiled on first use by the
// full package, which `createRequire` loads so that no bundle follows it. Both compile with
// template-code.ts, so both run the same code.

export const SERVICE_NAME = 'Supporting Families';

const OVERSEERS = ['senior', 'locality-manager', 'head-of-service'];
const REPORT_READERS = ['locality-manager', 'head-of-service'];
/** Roles that open cases (shared/domain/access/rules.ts canSeeCase): the search answers what they may open. */
const SEARCHERS = [
  'duty-social-worker',
  'duty-manager',
  'hub-coordinator',
  'family-support-worker',
  ...OVERSEERS,
];

/** The service navigation for a signed-in member of staff; `section` marks the current one. */
export function navigationFor(user: { role: string } | undefined, section?: string) {
  if (!user) return [];
  return [
    { text: 'My tasks', href: '/tasks', current: section === 'tasks' },
    ...(REFERRAL_RECORDERS.includes(user.role)
      ? [{ text: 'Record a referral', href: '/referrals/new', current: section === 'referrals' }]
      : []),
    ...(SEARCHERS.includes(user.role)
      ? [{ text: 'Search', href: '/search', current: section === 'search' }]
      : []),
    ...(OVERSEERS.includes(user.role)
      ? [{ text: 'Dashboard', href: '/dashboard', current: section === 'dashboard' }]
      : []),
    ...(REPORT_READERS.includes(user.role)
      ? [
          { text: 'Reports', href: '/reports', current: section === 'reports' },
          { text: 'Forecast', href: '/forecast', current: section === 'forecast' },
          { text: 'Claims', href: '/claims', current: section === 'claims' },
        ]
      : []),
  ];
}

/** What a compiled template's code returns: its root render function and one per block. */
type TemplateProps = Record<string, unknown>;

/** Every template compiled by the build: name -> the function returning its props. */
function compiledTemplates(file: string): (name: string) => TemplateProps | undefined {
  const compiled = createRequire(import.meta.url)(file) as Record<string, () => TemplateProps>;
  return (name) => (Object.hasOwn(compiled, name) ? compiled[name]!() : undefined);
}

/** From source: the template's file in the first folder that has it, compiled now. */
function templatesFromSource(roots: TemplateRoots): (name: string) => TemplateProps | undefined {
  const { compiler } = createRequire(import.meta.url)('nunjucks') as { compiler: TemplateCompiler };
  return (name) => {
    for (const root of [roots.templates, roots.taskTypes, roots.govukDist]) {
      const file = join(root, name);
      // As nunjucks' FileSystemLoader: never a file outside the folders.
      if (!file.startsWith(root + sep) || !existsSync(file)) continue;
      // How nunjucks itself turns compiled code into a template.
      return new Function(templateCode(compiler, readFileSync(file, 'utf8'), name))() as TemplateProps;
    }
    return undefined;
  };
}

let environment: nunjucks.Environment | undefined;

function env(): nunjucks.Environment {
  if (environment) return environment;
  const { templates } = pageFiles();
  const propsOf =
    'compiled' in templates ? compiledTemplates(templates.compiled) : templatesFromSource(templates.roots);
  // A loader in nunjucks' terms: the environment caches each template it gives by its resolved name.
  const loader = {
    getSource(name: string) {
      const obj = propsOf(name);
      return obj ? { src: { type: 'code', obj }, path: name, noCache: false } : null;
    },
    isRelative: isRelativeTemplateName,
    resolve: resolveTemplateName,
  };
  const created = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, TEMPLATE_OPTIONS);
  created.addGlobal('serviceName', SERVICE_NAME);
  created.addGlobal('navigationFor', navigationFor);
  created.addFilter('day', (value: string | undefined) => formatDay(value));
  created.addFilter('instant', (value: string | undefined) => formatInstant(value));
  created.addFilter(
    'taskType',
    (value: string) => TASK_TYPE_LABELS[value as keyof typeof TASK_TYPE_LABELS] ?? value,
  );
  created.addFilter(
    'taskStatus',
    (value: string) => TASK_STATUS_LABELS[value as keyof typeof TASK_STATUS_LABELS] ?? value,
  );
  created.addFilter(
    'caseStatus',
    (value: string) => CASE_STATUS_LABELS[value as keyof typeof CASE_STATUS_LABELS] ?? value,
  );
  created.addFilter(
    'caseStatusTag',
    (value: string) => CASE_STATUS_TAGS[value as keyof typeof CASE_STATUS_TAGS] ?? 'govuk-tag--grey',
  );
  created.addFilter('area', (value: string) => areaLabel(value));
  created.addFilter('role', (value: string) => roleLabel(value));
  created.addFilter('owner', (value: string, viewerId?: string) => ownerLabel(value, viewerId));
  environment = created;
  return created;
}

/** Renders `templates/<name>.njk` with the page's data. */
export function renderPage(name: string, data: Record<string, unknown>): string {
  return env().render(`${name}.njk`, data);
}
