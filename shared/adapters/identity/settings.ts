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

export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const issuer = env.AUTH_ISSUER;
  if (!issuer) throw new Error('AUTH_ISSUER is not set: the token issuer (Cognito user pool URL)');
  return {
    issuer,
    jwksUri: env.AUTH_JWKS_URI ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
    userPoolId: env.USER_POOL_ID ?? '',
    staffClientId: env.STAFF_CLIENT_ID ?? '',
  };
}
