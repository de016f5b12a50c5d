import { afterAll, beforeAll } from 'vitest';
import { resetClients } from '../../shared/adapters/aws/clients';

// Unit tests of code that builds its SDK clients from the environment, with those clients mocked
// (aws-sdk-client-mock): the settings the handlers read, set for the file and restored after it.

export function useUnitAwsEnvironment(): void {
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, {
      AUTH_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_test',
      STAFF_CLIENT_ID: 'staff-client',
      USER_POOL_ID: 'eu-west-2_test',
      TABLE_NAME: 'sfw-unit',
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'unit',
      AWS_SECRET_ACCESS_KEY: 'unit',
    });
    resetClients();
  });
  afterAll(() => {
    process.env = saved;
    resetClients();
  });
}
