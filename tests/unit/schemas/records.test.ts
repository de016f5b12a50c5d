import { describe, expect, it } from 'vitest';
import {
  auditEventSchema,
  caseSchema,
  partnerSchema,
  reportSchema,
  toFieldErrors,
  workerSchema,
} from '../../../shared/core/schemas';
import { headlineAreasOf } from '../../../shared/core/config/outcome-framework';
import { validPartnerReferral } from '../../support/fixtures';
import { complexityFromNeeds, NEEDS } from '../../../shared/core/vocabulary/needs';

const at = '2026-11-23T09:00:00.000Z';

describe('needs list', () => {
  it('maps every need to a Supporting Families headline outcome, once per id', () => {
    expect(new Set(NEEDS.map((need) => need.id)).size).toBe(NEEDS.length);
    expect(headlineAreasOf(['benefit-reliance', 'financial-difficulty', 'crime', 'housing'])).toEqual([
      'crime',
      'financial-stability',
      'secure-housing',
    ]);
  });

  it('calls two needs at risk and five complex (seeds/003)', () => {
    expect(complexityFromNeeds(['crime'])).toBe('below-threshold');
    expect(complexityFromNeeds(['crime', 'housing'])).toBe('at-risk');
    expect(complexityFromNeeds(['crime', 'housing', 'mental-health', 'education', 'worklessness'])).toBe(
      'complex',
    );
  });
});

describe('stored records', () => {
  it('accepts a case and rejects an unknown status and a stale version', () => {
    const record = {
      id: '01JD0000000000000000000001',
      reference: 'SLF-2027-00042',
      status: 'SCREENING',
      locality: 'charnwood',
      referral: { ...validPartnerReferral(), source: 'partner', partnerId: 'demo-police' },
      receivedAt: at,
      updatedAt: at,
      version: 1,
      needs: ['crime'],
      complex: false,
      possibleDuplicates: [],
      reviewCount: 0,
      statusHistory: [{ status: 'RECEIVED', at }],
    };
    expect(caseSchema.safeParse(record).success).toBe(true);
    const bad = caseSchema.safeParse({ ...record, status: 'PENDING', version: 0 });
    expect(
      toFieldErrors(bad.error!)
        .map((error) => `${error.path}:${error.rule}`)
        .sort(),
    ).toEqual(['status:enum', 'version:min']);
  });

  it('accepts a worker and refuses a negative load or an unknown role', () => {
    const worker = {
      id: 'fsw-1',
      name: 'Pat Worker',
      email: 'pat@sfw.example',
      role: 'family-support-worker',
      area: 'melton',
      active: true,
      capacity: 30,
      load: 30,
      openCases: 10,
      createdAt: at,
      updatedAt: at,
    };
    expect(workerSchema.safeParse(worker).success).toBe(true);
    expect(toFieldErrors(workerSchema.safeParse({ ...worker, load: -3, role: 'janitor' }).error!)).toEqual([
      expect.objectContaining({ path: 'role', rule: 'enum' }),
      expect.objectContaining({ path: 'load', rule: 'min' }),
    ]);
  });

  it('accepts a partner with known scopes only', () => {
    const partner = {
      id: 'demo-police',
      name: 'Demo Police',
      organisationType: 'police',
      clientId: 'abc123',
      scopes: ['referrals/read', 'referrals/write'],
      active: true,
      createdAt: at,
      updatedAt: at,
    };
    expect(partnerSchema.safeParse(partner).success).toBe(true);
    expect(toFieldErrors(partnerSchema.safeParse({ ...partner, scopes: ['admin'] }).error!)).toContainEqual(
      expect.objectContaining({ path: 'scopes.0', rule: 'enum' }),
    );
  });

  it('accepts an audit event and caps its details', () => {
    const event = {
      id: '01JD0000000000000000000009',
      subject: 'case#01JD0000000000000000000001',
      caseId: '01JD0000000000000000000001',
      at,
      actor: { type: 'staff', id: 'duty-1', role: 'duty-social-worker' },
      action: 'case.status-changed',
      fromStatus: 'SCREENING',
      toStatus: 'HUB_DECISION',
    };
    expect(auditEventSchema.safeParse(event).success).toBe(true);
    const details = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, index]));
    expect(toFieldErrors(auditEventSchema.safeParse({ ...event, details }).error!)).toContainEqual(
      expect.objectContaining({ path: 'details' }),
    );
    expect(auditEventSchema.safeParse({ ...event, action: 'Changed status' }).success).toBe(false);
  });

  it('accepts a quarterly report for a locality or the partnership, not a bad period', () => {
    const report = {
      kind: 'quarterly',
      scope: 'partnership',
      period: '2026-27-Q4',
      version: 1,
      status: 'draft',
      metrics: { referrals: 12, 'issuesAtStart.crime': 0.25, byOutcome: { nfa: 2, allocated: 10 } },
      flags: [],
      createdAt: at,
    };
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(reportSchema.safeParse({ ...report, scope: 'melton' }).success).toBe(true);
    expect(toFieldErrors(reportSchema.safeParse({ ...report, period: '2026-Q4' }).error!)).toContainEqual(
      expect.objectContaining({ path: 'period', rule: 'format:regex' }),
    );
  });
});
