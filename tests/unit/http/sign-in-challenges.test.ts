import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  EnableSoftwareTokenMFAException,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answerChallenge,
  ChallengeAnswerRejected,
  ChallengeGone,
  type ChallengePending,
  signInStaff,
} from '../../../shared/adapters/identity/sign-in';
import { defaultDb } from '../../../shared/adapters/data/db';
import { useUnitAwsEnvironment } from '../../support/unit-aws';

// The first-sign-in rules against Cognito's own answers as AWS gives them (mocked SDK): the shapes the
// local pool does not produce, e.g. VerifySoftwareToken's EnableSoftwareTokenMFAException for a wrong
// code, or a sign-in with an email alias whose challenges name the pool's own username.

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2026-11-23T10:00:00Z');

useUnitAwsEnvironment();
afterEach(() => {
  cognitoMock.reset();
  dynamoMock.reset();
});

/** The table as the mocks see it: what was put is what is got. */
function tableHolding(worker: Record<string, unknown>) {
  const items = new Map<string, Record<string, unknown>>();
  dynamoMock.on(PutCommand).callsFake((input) => {
    items.set(input.Item.pk, input.Item);
    return {};
  });
  dynamoMock.on(GetCommand).callsFake((input) => {
    if (String(input.Key.pk).startsWith('WORKER#')) return { Item: worker };
    return { Item: items.get(input.Key.pk) };
  });
  dynamoMock.on(UpdateCommand).resolves({});
  dynamoMock.on(DeleteCommand).resolves({});
  return items;
}

async function setUpStarted(): Promise<{
  pending: ChallengePending;
  items: Map<string, Record<string, unknown>>;
}> {
  const items = tableHolding({
    pk: 'WORKER#fsw-blaby',
    sk: 'WORKER',
    id: 'fsw-blaby',
    role: 'family-support-worker',
    area: 'blaby',
    active: true,
  });
  cognitoMock.on(InitiateAuthCommand).resolves({
    ChallengeName: 'MFA_SETUP',
    Session: 'POOL-SESSION-1',
    ChallengeParameters: { USER_ID_FOR_SRP: 'fsw-blaby', MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
  });
  cognitoMock
    .on(AssociateSoftwareTokenCommand)
    .resolves({ SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: 'POOL-SESSION-2' });
  const pending = await signInStaff(defaultDb(), 'jo@example.org', 'password', undefined, { now: NOW });
  if (pending.kind !== 'challenge') throw new Error('expected a challenge');
  return { pending, items };
}

describe('first sign-in against Cognito (mocked)', () => {
  it('keeps the pool Session in the table under a hash, and answers with the pool username', async () => {
    // Act
    const { pending, items } = await setUpStarted();

    // Assess
    expect(cognitoMock.commandCalls(AssociateSoftwareTokenCommand)[0]!.args[0].input).toEqual({
      Session: 'POOL-SESSION-1',
    });
    expect(pending).toMatchObject({ step: 'mfa-setup', validUntil: '2026-11-23T10:10:00.000Z' });
    expect(pending.setup!.secretGrouped).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(JSON.stringify(pending)).not.toContain('POOL-SESSION');
    const [item] = [...items.values()];
    expect(item).toMatchObject({ username: 'fsw-blaby', poolSession: 'POOL-SESSION-2', binding: 'api' });
    expect(String(item!.pk)).toMatch(/^SIGNIN#[0-9a-f]{64}$/);
    expect(String(item!.pk)).not.toContain(pending.challengeId);
  });

  it("takes Cognito's EnableSoftwareTokenMFAException as a wrong code, then signs in with the right one", async () => {
    // Prepare
    const { pending } = await setUpStarted();
    cognitoMock
      .on(VerifySoftwareTokenCommand)
      .rejectsOnce(new EnableSoftwareTokenMFAException({ message: 'Code mismatch', $metadata: {} }))
      .resolves({ Status: 'SUCCESS', Session: 'POOL-SESSION-3' });
    cognitoMock
      .on(RespondToAuthChallengeCommand)
      .resolves({ AuthenticationResult: { AccessToken: 'a.b.c', ExpiresIn: 3600 } });

    // Act
    const wrong = await answerChallenge(
      defaultDb(),
      pending.challengeId,
      { code: '123456' },
      { now: NOW },
    ).catch((e) => e);
    const right = await answerChallenge(defaultDb(), pending.challengeId, { code: '654321' }, { now: NOW });

    // Assess
    expect(wrong).toBeInstanceOf(ChallengeAnswerRejected);
    expect(wrong).toMatchObject({ field: 'code', rule: 'mismatch' });
    expect(wrong.pending.setup.secret).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(dynamoMock.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':attempts': 1,
    });
    expect(cognitoMock.commandCalls(RespondToAuthChallengeCommand)[0]!.args[0].input).toEqual({
      ClientId: 'staff-client',
      ChallengeName: 'MFA_SETUP',
      Session: 'POOL-SESSION-3',
      ChallengeResponses: { USERNAME: 'fsw-blaby' },
    });
    expect(right).toMatchObject({ kind: 'signed-in', accessToken: 'a.b.c', member: { userId: 'fsw-blaby' } });
    expect(dynamoMock.commandCalls(DeleteCommand)).toHaveLength(1);
  });

  it('ends the sign-in when the pool says its Session ran out, and when another binding asks', async () => {
    // Prepare
    const { pending } = await setUpStarted();
    cognitoMock
      .on(VerifySoftwareTokenCommand)
      .rejects(new NotAuthorizedException({ message: 'Invalid session for the user.', $metadata: {} }));

    // Act
    const otherBrowser = await answerChallenge(
      defaultDb(),
      pending.challengeId,
      { code: '123456' },
      { now: NOW, binding: 'x' },
    ).catch((e) => e);
    const ended = await answerChallenge(
      defaultDb(),
      pending.challengeId,
      { code: '123456' },
      { now: NOW },
    ).catch((e) => e);

    // Assess
    expect(otherBrowser).toBeInstanceOf(ChallengeGone);
    expect(otherBrowser.reason).toBe('unknown');
    expect(ended).toBeInstanceOf(ChallengeGone);
    expect(ended.reason).toBe('expired');
    expect(dynamoMock.commandCalls(DeleteCommand)).toHaveLength(1);
  });
});
