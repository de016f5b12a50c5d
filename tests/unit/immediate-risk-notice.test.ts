import { describe, expect, it } from 'vitest';
import { getConfig } from '../../shared/core/config';
import { loadConfig } from '../../shared/core/config/load';
import localities from '../../shared/core/config/localities.json';
import staffing from '../../shared/core/config/staffing.json';
import timescales from '../../shared/core/config/timescales.json';
import { immediateRiskNotice } from '../../shared/http/referral-receipt';

// Every referral's answer says, in words, that an immediate risk to a child must also be phoned to
// First Response or 999 (issue 17; seeds/000 §5.16); the words and numbers are configuration.

describe('the immediate-risk notice', () => {
  it('names the First Response line and the emergency number from the configuration', () => {
    const { firstResponsePhone, emergencyPhone } = getConfig().timescales.immediateRisk;
    const notice = immediateRiskNotice();
    expect(notice).toContain(firstResponsePhone);
    expect(notice).toContain(emergencyPhone);
    expect(notice).toMatch(/immediate risk/);
    expect(notice).not.toMatch(/[{}]/);
  });

  it('refuses a notice that leaves out a number, or a number that is not one', () => {
    const load = (immediateRisk: Record<string, string>) => () =>
      loadConfig({
        localities,
        staffing,
        timescales: { ...timescales, immediateRisk: { ...timescales.immediateRisk, ...immediateRisk } },
      });
    expect(load({ notice: 'Phone 999.' })).toThrow(/firstResponse/);
    expect(load({ notice: 'Phone {firstResponse}.' })).toThrow(/emergency/);
    expect(load({ firstResponsePhone: 'call us' })).toThrow(/phone number/);
    expect(load({})).not.toThrow();
  });
});
