import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Where the page templates and GOV.UK Frontend's files are. From the repository (tests, the local
// stack) they sit beside this module and in node_modules; in a Lambda bundle the build copies them
// next to the handler under `pages-files/` (infra's `bundlesFiles`), so both layouts are probed.

export interface PageFiles {
  /** Our templates: `shared/pages/templates`. */
  templates: string;
  /** The task types' folders, `shared/task-types`: each type's form template is `<type>/form.njk`. */
  taskTypes: string;
  /** GOV.UK Frontend's `dist` folder: `govuk/template.njk`, `govuk/components/...`, `govuk/assets`. */
  govukDist: string;
  /** Our own static files (pages.css, pages.js). */
  static: string;
}

let cached: PageFiles | undefined;

export function pageFiles(): PageFiles {
  if (cached) return cached;
  const here = import.meta.dirname;
  const bundled = join(here, 'pages-files');
  cached = existsSync(bundled)
    ? {
        templates: join(bundled, 'templates'),
        taskTypes: join(bundled, 'task-types'),
        govukDist: join(bundled, 'govuk-frontend'),
        static: join(bundled, 'static'),
      }
    : {
        templates: join(here, 'templates'),
        taskTypes: resolve(here, '../task-types'),
        govukDist: resolve(here, '../../node_modules/govuk-frontend/dist'),
        static: join(here, 'static'),
      };
  return cached;
}
