import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddUserPoolClientSecretCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServerHandle, startApiServer } from '../../../local/api/server';
import { cognito, resetClients } from '../../../shared/aws/clients';
import { verifyPartnerToken, verifyStaffToken } from '../../../shared/http/auth/tokens';

// The local server plays the Cognito user pool: the real SDK calls it, and tokens it issues pass the
// same aws-jwt-verify checks the handlers make in AWS.

let server: ApiServerHandle;
let dataDir: string;

async function clientCredentialsToken(clientId: string, secret: string, scope?: string) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  return fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
    },
    body: form,
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sfw-identity-'));
  server = await startApiServer({ port: 0, dataDir });
  resetClients();
});

afterAll(async () => {
  await server?.close();
  resetClients();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('partner client credentials', () => {
  it('issues an RS256 token with the granted scopes that aws-jwt-verify accepts', async () => {
    // Prepare
    const created = await cognito().send(
      new CreateUserPoolClientCommand({
        UserPoolId: process.env.USER_POOL_ID,
        ClientName: 'demo-police',
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['referrals/read', 'referrals/write'],
      }),
    );
    const { ClientId, ClientSecret } = created.UserPoolClient!;

    // Act
    const response = await clientCredentialsToken(ClientId!, ClientSecret!, 'referrals/read');
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };

    // Assess
    expect(response.status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    const claims = await verifyPartnerToken(body.access_token);
    expect(claims).toEqual({ clientId: ClientId, scopes: ['referrals/read'] });
  });

  it('accepts the client id and secret as form fields too', async () => {
    const created = await server.userPool.createClient({
      clientName: 'demo-school',
      scopes: ['referrals/read'],
    });
    const response = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: created.clientId,
        client_secret: created.clientSecret,
      }),
    });
    expect(response.status).toBe(200);
  });

  it('refuses a wrong secret, an unknown grant and a scope the client was not given', async () => {
    const created = await server.userPool.createClient({
      clientName: 'demo-housing',
      scopes: ['referrals/read'],
    });

    const wrongSecret = await clientCredentialsToken(created.clientId, 'not-the-secret');
    const wrongScope = await clientCredentialsToken(
      created.clientId,
      created.clientSecret,
      'referrals/write',
    );
    const wrongGrant = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=a&password=b',
    });

    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    expect(wrongScope.status).toBe(400);
    expect(await wrongScope.json()).toMatchObject({ error: 'invalid_scope' });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('rotates a secret: the new one works, the old one stops once deleted', async () => {
    // Prepare
    const poolId = process.env.USER_POOL_ID;
    const created = await server.userPool.createClient({
      clientName: 'demo-health',
      scopes: ['referrals/read'],
    });
    const [oldSecret] = (
      await cognito().send(
        new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: created.clientId }),
      )
    ).ClientSecrets!;

    // Act
    const added = await cognito().send(
      new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: created.clientId }),
    );
    await cognito().send(
      new DeleteUserPoolClientSecretCommand({
        UserPoolId: poolId,
        ClientId: created.clientId,
        ClientSecretId: oldSecret.ClientSecretId,
      }),
    );

    // Assess
    expect((await clientCredentialsToken(created.clientId, created.clientSecret)).status).toBe(401);
    const fresh = added.ClientSecretDescriptor!.ClientSecretValue!;
    expect((await clientCredentialsToken(created.clientId, fresh)).status).toBe(200);
  });

  it('does not accept a token signed by another key', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = `${encode({ alg: 'RS256', kid: 'other' })}.${encode({
      iss: server.url,
      token_use: 'access',
      client_id: 'x',
      exp: 9999999999,
    })}.c2ln`;
    await expect(verifyPartnerToken(forged)).rejects.toMatchObject({ name: 'InvalidTokenError' });
  });
});

describe('staff sign-in through the Cognito API', () => {
  it('signs a user in with USER_PASSWORD_AUTH and refuses a wrong password or a disabled user', async () => {
    // Prepare
    const poolId = process.env.USER_POOL_ID;
    await cognito().send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'fsw-blaby-1' }));
    await cognito().send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: 'fsw-blaby-1',
        Password: 'correct horse battery',
        Permanent: true,
      }),
    );
    const signIn = (password: string) =>
      cognito().send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: process.env.STAFF_CLIENT_ID,
          AuthParameters: { USERNAME: 'fsw-blaby-1', PASSWORD: password },
        }),
      );

    // Act
    const answer = await signIn('correct horse battery');

    // Assess
    const claims = await verifyStaffToken(answer.AuthenticationResult!.AccessToken!);
    expect(claims).toEqual({ username: 'fsw-blaby-1' });
    await expect(signIn('wrong password')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await cognito().send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'fsw-blaby-1' }));
    await expect(signIn('correct horse battery')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('a staff token is not a partner token, and a partner token is not a staff token', async () => {
    const created = await server.userPool.createClient({ clientName: 'demo-x', scopes: ['referrals/read'] });
    const tokenResponse = await clientCredentialsToken(created.clientId, created.clientSecret);
    const partnerToken = ((await tokenResponse.json()) as { access_token: string }).access_token;
    server.userPool.createUser('duty-1');
    await server.userPool.setPassword('duty-1', 'a long enough password');
    const staff = await server.userPool.signIn(
      server.userPool.staffClientId,
      'duty-1',
      'a long enough password',
    );

    await expect(verifyStaffToken(partnerToken)).rejects.toMatchObject({ name: 'InvalidTokenError' });
    if (staff.kind !== 'token') throw new Error('expected a token');
    await expect(verifyPartnerToken(staff.token.accessToken)).rejects.toMatchObject({
      name: 'InvalidTokenError',
    });
  });

  it('keeps the signing key in the data directory across restarts', async () => {
    const jwks1 = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const second = await startApiServer({ port: 0, dataDir });
    try {
      const jwks2 = await (await fetch(`${second.url}/.well-known/jwks.json`)).json();
      expect(jwks2).toEqual(jwks1);
      expect((jwks1 as { keys: { kty: string; alg: string }[] }).keys[0]).toMatchObject({
        kty: 'RSA',
        alg: 'RS256',
      });
    } finally {
      await second.close();
    }
  });
});
