import { type LocalUserPool, type PoolChallenge, type SignInAnswer, UserPoolError } from './user-pool';

// The few Cognito Identity Provider operations the product calls, in the service's JSON 1.1 protocol
// (POST with `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`), so the handlers' own
// @aws-sdk/client-cognito-identity-provider calls run unchanged against the local stack through
// AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.

export const COGNITO_TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

type Input = Record<string, unknown>;
type Operation = (pool: LocalUserPool, input: Input) => Promise<unknown> | unknown;

const str = (input: Input, name: string): string => {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw new UserPoolError('InvalidParameterException', `${name} is required`);
  }
  return value;
};

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const CHALLENGES: readonly PoolChallenge[] = ['NEW_PASSWORD_REQUIRED', 'MFA_SETUP', 'SOFTWARE_TOKEN_MFA'];

/** InitiateAuth's and RespondToAuthChallenge's answer: tokens, or the next challenge and its Session. */
function signInAnswer(answer: SignInAnswer) {
  if (answer.kind === 'challenge') {
    const parameters: Record<string, string> = { USER_ID_FOR_SRP: answer.username };
    if (answer.challenge === 'MFA_SETUP') parameters.MFAS_CAN_SETUP = '["SOFTWARE_TOKEN_MFA"]';
    if (answer.challenge === 'NEW_PASSWORD_REQUIRED') {
      parameters.requiredAttributes = '[]';
      parameters.userAttributes = '{}';
    }
    return { ChallengeName: answer.challenge, Session: answer.session, ChallengeParameters: parameters };
  }
  return {
    AuthenticationResult: {
      AccessToken: answer.token.accessToken,
      ExpiresIn: answer.token.expiresIn,
      TokenType: 'Bearer',
    },
    ChallengeParameters: {},
  };
}

const OPERATIONS: Record<string, Operation> = {
  async InitiateAuth(pool, input) {
    if (input.AuthFlow !== 'USER_PASSWORD_AUTH') {
      throw new UserPoolError('InvalidParameterException', 'Only USER_PASSWORD_AUTH is supported locally');
    }
    const params = (input.AuthParameters ?? {}) as Input;
    return signInAnswer(
      await pool.signIn(str(input, 'ClientId'), str(params, 'USERNAME'), str(params, 'PASSWORD')),
    );
  },
  async RespondToAuthChallenge(pool, input) {
    const name = str(input, 'ChallengeName') as PoolChallenge;
    if (!CHALLENGES.includes(name)) {
      throw new UserPoolError('InvalidParameterException', `Unsupported challenge ${name}`);
    }
    const responses = Object.fromEntries(
      Object.entries((input.ChallengeResponses ?? {}) as Input).map(([key, value]) => [key, String(value)]),
    );
    return signInAnswer(
      await pool.respondToChallenge(str(input, 'ClientId'), name, str(input, 'Session'), responses),
    );
  },
  AssociateSoftwareToken(pool, input) {
    if (input.AccessToken !== undefined) {
      throw new UserPoolError('InvalidParameterException', 'Only a challenge Session is supported locally');
    }
    const associated = pool.associateSoftwareToken(str(input, 'Session'));
    return { SecretCode: associated.secret, Session: associated.session };
  },
  VerifySoftwareToken(pool, input) {
    if (input.AccessToken !== undefined) {
      throw new UserPoolError('InvalidParameterException', 'Only a challenge Session is supported locally');
    }
    const verified = pool.verifySoftwareToken(str(input, 'Session'), str(input, 'UserCode'));
    return { Status: 'SUCCESS', Session: verified.session };
  },
  async AdminCreateUser(pool, input) {
    pool.checkPool(input.UserPoolId);
    const user = pool.createUser(str(input, 'Username'));
    // As Cognito: a TemporaryPassword signs in once, to a NEW_PASSWORD_REQUIRED challenge.
    if (input.TemporaryPassword !== undefined) {
      await pool.setPassword(user.username, str(input, 'TemporaryPassword'), false);
    }
    return {
      User: { Username: user.username, Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD', Attributes: [] },
    };
  },
  async AdminSetUserPassword(pool, input) {
    pool.checkPool(input.UserPoolId);
    // As Cognito: a password is temporary (FORCE_CHANGE_PASSWORD) unless `Permanent: true`.
    await pool.setPassword(str(input, 'Username'), str(input, 'Password'), input.Permanent === true);
    return {};
  },
  AdminAddUserToGroup(pool, input) {
    pool.checkPool(input.UserPoolId);
    pool.setGroup(str(input, 'Username'), str(input, 'GroupName'), true);
    return {};
  },
  AdminRemoveUserFromGroup(pool, input) {
    pool.checkPool(input.UserPoolId);
    pool.setGroup(str(input, 'Username'), str(input, 'GroupName'), false);
    return {};
  },
  AdminDisableUser(pool, input) {
    pool.checkPool(input.UserPoolId);
    pool.setEnabled(str(input, 'Username'), false);
    return {};
  },
  AdminEnableUser(pool, input) {
    pool.checkPool(input.UserPoolId);
    pool.setEnabled(str(input, 'Username'), true);
    return {};
  },
  async CreateUserPoolClient(pool, input) {
    pool.checkPool(input.UserPoolId);
    const scopes = Array.isArray(input.AllowedOAuthScopes) ? input.AllowedOAuthScopes.map(String) : [];
    const created = await pool.createClient({ clientName: str(input, 'ClientName'), scopes });
    return {
      UserPoolClient: {
        UserPoolId: pool.userPoolId,
        ClientName: input.ClientName,
        ClientId: created.clientId,
        ClientSecret: created.clientSecret,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: scopes,
        AllowedOAuthFlowsUserPoolClient: true,
      },
    };
  },
  DeleteUserPoolClient(pool, input) {
    pool.checkPool(input.UserPoolId);
    pool.deleteClient(str(input, 'ClientId'));
    return {};
  },
  async AddUserPoolClientSecret(pool, input) {
    pool.checkPool(input.UserPoolId);
    const secret = await pool.addClientSecret(str(input, 'ClientId'));
    return {
      ClientSecretDescriptor: {
        ClientSecretId: secret.id,
        ClientSecretValue: secret.value,
        ClientSecretCreateDate: epochSeconds(secret.createdAt),
      },
    };
  },
  ListUserPoolClientSecrets(pool, input) {
    pool.checkPool(input.UserPoolId);
    return {
      ClientSecrets: pool.listClientSecrets(str(input, 'ClientId')).map((secret) => ({
        ClientSecretId: secret.id,
        ClientSecretCreateDate: epochSeconds(secret.createdAt),
      })),
    };
  },
  DeleteUserPoolClientSecret(pool, input) {
    pool.checkPool(input.UserPoolId);
    pool.deleteClientSecret(str(input, 'ClientId'), str(input, 'ClientSecretId'));
    return {};
  },
};

export async function handleCognitoCall(
  pool: LocalUserPool,
  target: string,
  rawBody: string,
): Promise<{ status: number; body: unknown }> {
  const operation = OPERATIONS[target.slice(COGNITO_TARGET_PREFIX.length)];
  if (!target.startsWith(COGNITO_TARGET_PREFIX) || !operation) {
    return { status: 400, body: { __type: 'UnknownOperationException', message: `Unsupported: ${target}` } };
  }
  try {
    const input = rawBody ? (JSON.parse(rawBody) as Input) : {};
    return { status: 200, body: await operation(pool, input) };
  } catch (error) {
    if (error instanceof UserPoolError)
      return { status: 400, body: { __type: error.type, message: error.message } };
    if (error instanceof SyntaxError) {
      return { status: 400, body: { __type: 'SerializationException', message: 'Malformed JSON' } };
    }
    throw error;
  }
}
