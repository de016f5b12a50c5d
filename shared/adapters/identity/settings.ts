import { type EnvironmentSource, optionalEnv, requiredEnv } from '../../core/environment';
// Where tokens come from. In AWS: the Cognito user pool's issuer (partners' client-credentials
// tokens and staff sign-in tokens are both its access tokens). Locally: the local API server, which
// plays the user pool's part with the same token shape. Read on each use, so a test or the local
// stack can set them after import.
export interface AuthSettings {
  issuer: string;
  jwksUri: string;
  userPoolId: string;
  staffClientId: string;
}

export function authSettings(env: EnvironmentSource = process.env): AuthSettings {
  const issuer = requiredEnv('AUTH_ISSUER', env);
  return {
    issuer,
    jwksUri: optionalEnv('AUTH_JWKS_URI', env) ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
    userPoolId: optionalEnv('USER_POOL_ID', env) ?? '',
    staffClientId: optionalEnv('STAFF_CLIENT_ID', env) ?? '',
  };
}
