import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../local/stack/settings';

describe('local stack settings', () => {
  it('defaults to the contract ports, .local/ and the real clock', () => {
    // Act
    const { settings, help } = resolveSettings([], {}, '/repo');
    // Assess
    expect(help).toBe(false);
    expect(settings).toMatchObject({
      apiPort: 3000,
      sfnPort: 8083,
      dynamodbPort: 8000,
      sesPort: 8005,
      s3Port: 4568,
      dataDir: '/repo/.local',
      virtualClock: false,
      reset: false,
    });
  });

  it('takes environment variables, and flags over them', () => {
    // Prepare
    const env = { API_PORT: '4000', SFN_LOCAL_PORT: '9083', LOCAL_DATA_DIR: 'data', SFN_VIRTUAL_CLOCK: '1' };
    // Act
    const { settings } = resolveSettings(['--api-port', '4100', '--reset', '--ses-port=9005'], env, '/repo');
    // Assess
    expect(settings).toMatchObject({
      apiPort: 4100,
      sfnPort: 9083,
      sesPort: 9005,
      dataDir: '/repo/data',
      virtualClock: true,
      reset: true,
    });
  });

  it('names the setting at fault for a bad or repeated port', () => {
    expect(() => resolveSettings(['--dynamodb-port', 'eighty'], {})).toThrow(
      /--dynamodb-port \/ DYNAMODB_PORT: "eighty" is not a port number/,
    );
    expect(() => resolveSettings([], { SES_PORT: '70000' })).toThrow(/--ses-port \/ SES_PORT/);
    expect(() => resolveSettings(['--api-port', '8000'], {})).toThrow(
      /--dynamodb-port \/ DYNAMODB_PORT: port 8000 is also given to --api-port \/ API_PORT/,
    );
  });

  it('refuses unknown flags and a start time that is not a date, showing the usage', () => {
    expect(() => resolveSettings(['--colour'], {})).toThrow(/Unknown option '--colour'.*Usage: npm start/s);
    expect(() => resolveSettings(['--start-time', 'soon'], {})).toThrow(/--start-time: "soon" is not an ISO/);
  });

  it('normalises the virtual clock start time', () => {
    const { settings } = resolveSettings(
      ['--virtual-clock', '--start-time', '2026-04-01T09:00:00+01:00'],
      {},
    );
    expect(settings.startTime).toBe('2026-04-01T08:00:00.000Z');
  });
});
