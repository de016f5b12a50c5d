import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddUserPoolClientSecretCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../../local/api/identity/signing-key';
import { LocalUserPool } from '../../../local/api/identity/user-pool';
import { type ApiServerHandle, startApiServer } from '../../../local/api/server';
import { cognito, resetClients } from '../../../shared/adapters/aws/clients';
import { totpCode } from '../../../shared/adapters/identity/authenticator';
import { verifyPartnerToken, verifyStaffToken } from '../../../shared/adapters/identity/tokens';

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

describe('first sign-in challenges through the Cognito API', () => {
  it('puts a user with a temporary password through NEW_PASSWORD_REQUIRED, then MFA_SETUP when required', async () => {
    // Prepare
    const poolId = process.env.USER_POOL_ID;
    const clientId = process.env.STAFF_CLIENT_ID;
    await cognito().send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'hub-new' }));
    // Without `Permanent: true` the password is temporary, as in Cognito.
    await cognito().send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'hub-new', Password: 'temporary-1' }),
    );
    server.userPool.requireMfa('hub-new');

    // Act
    const first = await cognito().send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'hub-new', PASSWORD: 'temporary-1' },
      }),
    );
    const second = await cognito().send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'hub-new', NEW_PASSWORD: 'my own password' },
      }),
    );
    const associated = await cognito().send(new AssociateSoftwareTokenCommand({ Session: second.Session }));
    const tooEarly = cognito().send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: associated.Session,
        ChallengeResponses: { USERNAME: 'hub-new' },
      }),
    );
    await expect(tooEarly).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const wrong = cognito().send(
      new VerifySoftwareTokenCommand({
        Session: associated.Session,
        UserCode: '000000' === totpCode(associated.SecretCode!) ? '111111' : '000000',
      }),
    );
    await expect(wrong).rejects.toMatchObject({ name: 'CodeMismatchException' });
    const verified = await cognito().send(
      new VerifySoftwareTokenCommand({
        Session: associated.Session,
        UserCode: totpCode(associated.SecretCode!),
      }),
    );
    const done = await cognito().send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'hub-new' },
      }),
    );
    // Assess
    expect(first).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: expect.any(String) });
    expect(second).toMatchObject({ ChallengeName: 'MFA_SETUP' });
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(verified.Status).toBe('SUCCESS');
    // (Not verified against the JWKS here: an earlier test restarted the server on another port.)
    const payload = JSON.parse(
      Buffer.from(done.AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString('utf8'),
    );
    expect(payload).toMatchObject({ username: 'hub-new', token_use: 'access', client_id: clientId });
    const reused = cognito().send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'hub-new' },
      }),
    );

    await expect(reused).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('asks every user for an app when the pool setting says MFA is required, as the AWS pool does', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sfw-pool-mfa-'));
    try {
      const key = loadOrCreateSigningKey(join(dir, 'key.json'));
      const pool = new LocalUserPool(join(dir, 'pool.json'), key, () => 'http://127.0.0.1', true);
      pool.createUser('anyone');
      await pool.setPassword('anyone', 'a long password');
      pool.createUser('excused');
      await pool.setPassword('excused', 'a long password');
      pool.requireMfa('excused', false);

      // Act
      const anyone = await pool.signIn(pool.staffClientId, 'anyone', 'a long password');
      const excused = await pool.signIn(pool.staffClientId, 'excused', 'a long password');

      // Assess
      expect(anyone).toMatchObject({ kind: 'challenge', challenge: 'MFA_SETUP' });
      expect(excused).toMatchObject({ kind: 'token' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the pool file', () => {
  it('is written once when held saves end, with every change made meanwhile, even when the work fails', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sfw-pool-held-'));
    try {
      const key = loadOrCreateSigningKey(join(dir, 'key.json'));
      const file = join(dir, 'pool.json');
      const pool = new LocalUserPool(file, key, () => 'http://127.0.0.1');
      const usersOnDisk = () => Object.keys(JSON.parse(readFileSync(file, 'utf8')).users);
      const seenDuring: string[][] = [];

      // Act
      await pool.savesHeldDuring(async () => {
        pool.createUser('first');
        await pool.setPassword('first', 'a long password');
        await pool.savesHeldDuring(async () => pool.createUser('nested'));
        seenDuring.push(usersOnDisk());
      });
      const afterHeld = usersOnDisk();
      const failed = pool.savesHeldDuring(async () => {
        pool.createUser('before-failure');
        throw new Error('seeding stopped');
      });
      await expect(failed).rejects.toThrow('seeding stopped');
      const afterFailure = usersOnDisk();
      pool.createUser('unheld');
      const reopened = new LocalUserPool(file, key, () => 'http://127.0.0.1');

      // Assess
      expect(seenDuring).toEqual([[]]);
      expect(afterHeld).toEqual(['first', 'nested']);
      expect(afterFailure).toEqual(['first', 'nested', 'before-failure']);
      expect(usersOnDisk()).toEqual(['first', 'nested', 'before-failure', 'unheld']);
      expect(await reopened.signIn(reopened.staffClientId, 'first', 'a long password')).toMatchObject({
        kind: 'token',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
