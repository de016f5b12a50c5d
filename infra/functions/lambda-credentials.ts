import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import type { AwsCredentialIdentity } from '@aws-sdk/types';

// Stands in for @aws-sdk/credential-provider-node in deployed bundles only (an esbuild alias in
// handler-bundles.ts). Lambda hands a function its role's credentials in the environment, so the
// default chain's SSO, ini-file, process and web-identity providers, and the STS and SSO clients they
// bring, are 100 KB of every bundle that never runs. The container endpoint stays as the fallback the
// default chain would reach next. Locally (tsx, tests) the SDK's own default chain is used.

type Init = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];

export const defaultProvider =
  (init: Init = {}) =>
  async (): Promise<AwsCredentialIdentity> => {
    try {
      return await fromEnv(init)();
    } catch {
      // fromHttp throws at once when no container endpoint is set: only ask for it here.
      return fromHttp(init)();
    }
  };

/**
 * The default chain's other exports, which the SDK's clients do not use (kept so the alias has the
 * module's shape).
 * @public
 */
export const credentialsWillNeedRefresh = (credentials?: AwsCredentialIdentity) =>
  credentials?.expiration !== undefined;
/** @public */
export const credentialsTreatedAsExpired = (credentials?: AwsCredentialIdentity) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
