import * as z from 'zod/mini';
import { isQuarterId } from '../../core/calendar';
import { LOCALITY_IDS } from '../../core/config';
import type { Db } from '../../adapters/data/db';
import { getLatestReport } from '../../adapters/data/reports';
import type { Report } from '../../core/schemas/report';
import { PARTNERSHIP } from './cycle';
import { getReportVersion } from '../../adapters/data/reports';

// What a reader asks for (`GET /v1/reports/{locality}/{quarter}`): a scope (a locality or the
// partnership), a period (a quarter, `2026-27-Q4`, or a financial year for the annual report,
// `2026-27`), optionally a version, in JSON or CSV. Checked here so every reader (the API, the pages)
// refuses the same inputs with the same field errors.

const FINANCIAL_YEAR_ID = /^(\d{4})-(\d{2})$/;

function isFinancialYearId(id: string): boolean {
  const match = FINANCIAL_YEAR_ID.exec(id);
  return match !== null && (Number(match[1]) + 1) % 100 === Number(match[2]);
}

export const REPORT_SCOPES = [...LOCALITY_IDS, PARTNERSHIP] as const;

export const reportAddressSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    locality: z.enum(REPORT_SCOPES),
    quarter: z.string().check(
      z.maxLength(12),
      z.refine(
        (id) => isQuarterId(id) || isFinancialYearId(id),
        'a quarter such as 2026-27-Q1, or a financial year such as 2026-27 for the annual report',
      ),
    ),
  }))();

export const reportQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    version: z.optional(
      z.pipe(z.string().check(z.regex(/^[1-9]\d{0,3}$/, 'a whole number from 1')), z.transform(Number)),
    ),
    format: z.optional(z.enum(['json', 'csv'])),
  }))();

export type ReportAddress = z.output<typeof reportAddressSchema>;

/** The stored report a reader asked for: the latest version unless one is named; undefined when none. */
export async function findReport(
  db: Db,
  address: ReportAddress,
  version?: number,
): Promise<Report | undefined> {
  return version === undefined
    ? getLatestReport(db, address.locality, address.quarter)
    : getReportVersion(db, address.locality, address.quarter, version);
}
