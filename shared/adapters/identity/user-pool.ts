import {
  AddUserPoolClientSecretCommand,
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { cognito } from '../aws/clients';
import { authSettings } from './settings';

// The user pool operations administration needs: staff sign-ins and partners' app clients. Cognito
// in AWS; locally the local API server answers the same calls.

const poolId = () => authSettings().userPoolId;

/** A first password that satisfies Cognito's default policy (upper, lower, digit, symbol, 8+). */
export function initialPassword(): string {
  return `Sfw-${randomBytes(12).toString('base64url')}-9a`;
}

/**
 * A sign-in for a new staff member, in their role's group (the pool requires an email address). The
 * password is temporary (FORCE_CHANGE_PASSWORD): the administrator who passes it on knows it, so the
 * member must choose their own at the first sign-in (docs/api.md, docs/pages.md).
 */
export async function createStaffSignIn(input: {
  username: string;
  email: string;
  role: string;
  password: string;
}): Promise<void> {
  await cognito().send(
    new AdminCreateUserCommand({
      UserPoolId: poolId(),
      Username: input.username,
      TemporaryPassword: input.password,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: input.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await cognito().send(
    new AdminAddUserToGroupCommand({ UserPoolId: poolId(), Username: input.username, GroupName: input.role }),
  );
}

/** Keeps the user's group in step with their role (the staff record stays the authority). */
export async function moveStaffGroup(username: string, from: string, to: string): Promise<void> {
  await cognito().send(
    new AdminAddUserToGroupCommand({ UserPoolId: poolId(), Username: username, GroupName: to }),
  );
  await cognito().send(
    new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId(), Username: username, GroupName: from }),
  );
}

export async function setStaffSignInEnabled(username: string, enabled: boolean): Promise<void> {
  const command = enabled
    ? new AdminEnableUserCommand({ UserPoolId: poolId(), Username: username })
    : new AdminDisableUserCommand({ UserPoolId: poolId(), Username: username });
  await cognito().send(command);
}

export async function createPartnerClient(
  name: string,
  scopes: string[],
): Promise<{ clientId: string; clientSecret: string }> {
  const answer = await cognito().send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId(),
      ClientName: name,
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: scopes,
    }),
  );
  const client = answer.UserPoolClient;
  if (!client?.ClientId || !client.ClientSecret)
    throw new Error('the user pool returned no client credentials');
  return { clientId: client.ClientId, clientSecret: client.ClientSecret };
}

/** A new secret; every older one stops working at once. */
export async function rotatePartnerSecret(clientId: string): Promise<string> {
  const existing = await cognito().send(
    new ListUserPoolClientSecretsCommand({ UserPoolId: poolId(), ClientId: clientId }),
  );
  // Cognito keeps at most two secrets: make room first, keeping the newest until the new one exists.
  const older = [...(existing.ClientSecrets ?? [])].sort(
    (a, b) => Number(a.ClientSecretCreateDate ?? 0) - Number(b.ClientSecretCreateDate ?? 0),
  );
  while (older.length > 1) {
    const oldest = older.shift()!;
    await cognito().send(
      new DeleteUserPoolClientSecretCommand({
        UserPoolId: poolId(),
        ClientId: clientId,
        ClientSecretId: oldest.ClientSecretId,
      }),
    );
  }
  const added = await cognito().send(
    new AddUserPoolClientSecretCommand({ UserPoolId: poolId(), ClientId: clientId }),
  );
  const secret = added.ClientSecretDescriptor?.ClientSecretValue;
  if (!secret) throw new Error('the user pool returned no secret');
  for (const old of older) {
    await cognito().send(
      new DeleteUserPoolClientSecretCommand({
        UserPoolId: poolId(),
        ClientId: clientId,
        ClientSecretId: old.ClientSecretId,
      }),
    );
  }
  return secret;
}

export async function deletePartnerClient(clientId: string): Promise<void> {
  try {
    await cognito().send(new DeleteUserPoolClientCommand({ UserPoolId: poolId(), ClientId: clientId }));
  } catch (error) {
    // Already gone: revoking twice is harmless.
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
}
