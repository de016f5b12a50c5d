import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TemplateRoots } from './template-code';

// Where the page templates and GOV.UK Frontend's files are. From the repository (tests, the local
// stack) they sit beside this module and in node_modules; in a Lambda bundle the build puts them next
// to the handler under `pages-files/` (infra's `pageFilesCommands`): the templates compiled, GOV.UK's
// assets, CSS and JS, our static files. Both layouts are probed.

export interface PageFiles {
  /**
   * From source, the folders the templates are read from and compiled on first use; in a bundle, the
   * module holding every template compiled by the build (`pages-files/templates.cjs`).
   */
  templates: { roots: TemplateRoots } | { compiled: string };
  /** GOV.UK Frontend's `dist` folder: `govuk/assets`, its CSS and JS (and, from source, its templates). */
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
        templates: { compiled: join(bundled, 'templates.cjs') },
        govukDist: join(bundled, 'govuk-frontend'),
        static: join(bundled, 'static'),
      }
    : {
        templates: { roots: sourceTemplateRoots() },
        govukDist: sourceTemplateRoots().govukDist,
        static: join(here, 'static'),
      };
  return cached;
}

/** The template folders in the repository (what a bundle's build compiles). */
export function sourceTemplateRoots(): TemplateRoots {
  const here = import.meta.dirname;
  return {
    templates: join(here, 'templates'),
    taskTypes: resolve(here, '../task-types'),
    govukDist: resolve(here, '../../node_modules/govuk-frontend/dist'),
  };
}
