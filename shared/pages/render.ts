import nunjucks from 'nunjucks';
import { REFERRAL_RECORDERS } from '../domain/access/rules';
import { pageFiles } from './files';
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
// template and component macros, from the package's dist folder), autoescaped.

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

let environment: nunjucks.Environment | undefined;

function env(): nunjucks.Environment {
  if (environment) return environment;
  const files = pageFiles();
  const created = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([files.templates, files.taskTypes, files.govukDist]),
    {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    },
  );
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
