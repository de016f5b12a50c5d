import { describe, expect, it } from 'vitest';
import {
  MissingEnvironmentError,
  numberEnv,
  optionalEnv,
  requiredEnv,
} from '../../../shared/core/environment';

describe('the environment reader', () => {
  it('names a missing variable, what it is and who sets it', () => {
    expect(() => requiredEnv('TABLE_NAME', {})).toThrow(MissingEnvironmentError);
    expect(() => requiredEnv('TABLE_NAME', { TABLE_NAME: '' })).toThrow(
      /^TABLE_NAME is not set: the domain table \(set by the Api\/Workflows stacks; locally by `npm start`\)$/,
    );
    expect(requiredEnv('TABLE_NAME', { TABLE_NAME: 'families' })).toBe('families');
  });

  it('reads an optional variable, empty counting as unset', () => {
    expect(optionalEnv('STAGE', {})).toBeUndefined();
    expect(optionalEnv('STAGE', { STAGE: '' })).toBeUndefined();
    expect(optionalEnv('STAGE', { STAGE: 'prod' })).toBe('prod');
  });

  it('reads whole numbers with a default and refuses anything else', () => {
    expect(numberEnv('SIGN_IN_RATE_LIMIT', 30, {})).toBe(30);
    expect(numberEnv('SIGN_IN_RATE_LIMIT', 30, { SIGN_IN_RATE_LIMIT: '7' })).toBe(7);
    expect(() => numberEnv('SIGN_IN_RATE_LIMIT', 30, { SIGN_IN_RATE_LIMIT: 'lots' })).toThrow(
      /^SIGN_IN_RATE_LIMIT is "lots", not a whole number: sign-in attempts/,
    );
    expect(() => numberEnv('SIGN_IN_RATE_LIMIT', 30, { SIGN_IN_RATE_LIMIT: '-1' })).toThrow(
      MissingEnvironmentError,
    );
  });

  it('reads the process environment when no source is given, at the time of the call', () => {
    const before = process.env.STAGE;
    process.env.STAGE = 'reader-test';
    try {
      expect(optionalEnv('STAGE')).toBe('reader-test');
    } finally {
      if (before === undefined) delete process.env.STAGE;
      else process.env.STAGE = before;
    }
  });
});
