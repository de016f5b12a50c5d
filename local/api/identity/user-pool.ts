import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateSecret, hashSecret, verifySecret } from './passwords';
import { type SigningKey, signJwt } from './signing-key';
import { newTotpSecret, totpMatches } from '../../../shared/adapters/identity/authenticator';

// The local stand-in for the Cognito user pool: staff users with passwords, partners' app clients
// with secrets and scopes, and the staff app client. It issues access tokens of Cognito's shape
// (token_use, client_id, scope, username), signed with the local key, persisted in the data dir.

export const LOCAL_USER_POOL_ID = 'eu-west-2_localpool';
const PARTNER_TOKEN_SECONDS = 3600;
// As the staff app client in infra/api/auth.ts.
const STAFF_TOKEN_SECONDS = 3600;
const MAX_SECRETS_PER_CLIENT = 2;
// As the staff app client's authSessionValidity in infra/api/auth.ts.
const CHALLENGE_SESSION_MS = 10 * 60_000;

interface PoolUser {
  username: string;
  sub: string;
  passwordHash?: string;
  enabled: boolean;
  groups?: string[];
  /** FORCE_CHANGE_PASSWORD after a temporary password (AdminSetUserPassword, Permanent false). */
  status?: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';
  /** This user must set up an authenticator app (as every user of the AWS pool, where MFA is required). */
  mfaRequired?: boolean;
  /** The verified authenticator secret: sign-in then asks for a code. */
  totpSecret?: string;
}

export type PoolChallenge = 'NEW_PASSWORD_REQUIRED' | 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA';

/** A sign-in part-way through a challenge, under Cognito's opaque `Session` string. Memory only. */
interface ChallengeSession {
  username: string;
  clientId: string;
  challenge: PoolChallenge;
  expiresAt: number;
  /** MFA_SETUP: the secret handed out by AssociateSoftwareToken, and whether a code proved it. */
  pendingSecret?: string;
  verified?: boolean;
}

export type SignInAnswer =
  | { kind: 'token'; token: AccessToken }
  | { kind: 'challenge'; challenge: PoolChallenge; session: string; username: string };

interface ClientSecret {
  id: string;
  hash: string;
  createdAt: string;
}

interface PoolClient {
  clientId: string;
  clientName: string;
  secrets: ClientSecret[];
  allowedOAuthScopes: string[];
  clientCredentials: boolean;
}

interface PoolState {
  users: Record<string, PoolUser>;
  clients: Record<string, PoolClient>;
  staffClientId: string;
}

export class UserPoolError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export interface AccessToken {
  accessToken: string;
  expiresIn: number;
}

function newClientId(): string {
  // Cognito client ids are 26 lower-case alphanumerics.
  return randomUUID().replaceAll('-', '').slice(0, 26);
}

/** The local pool's password rule (the AWS pool's is stricter: infra/api/auth.ts). */
function checkPasswordPolicy(password: string): void {
  if (password.length < 8) {
    throw new UserPoolError(
      'InvalidPasswordException',
      'Password does not conform to policy: Password not long enough',
    );
  }
}

export class LocalUserPool {
  readonly userPoolId = LOCAL_USER_POOL_ID;
  private readonly state: PoolState;
  private readonly sessions = new Map<string, ChallengeSession>();
  /** How many savesHeldDuring() calls are running, and whether a change waits for the last one. */
  private savesHeld = 0;
  private unsaved = false;

  constructor(
    private readonly file: string,
    private readonly key: SigningKey,
    private readonly issuer: () => string,
    /** Every user without an app must set one up, as in the AWS pool (`LOCAL_USER_POOL_MFA=required`). */
    private readonly mfaRequiredForAll = false,
  ) {
    this.state = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as PoolState)
      : { users: {}, clients: {}, staffClientId: '' };
    if (!this.state.staffClientId) {
      const staffClient: PoolClient = {
        clientId: newClientId(),
        clientName: 'staff',
        secrets: [],
        allowedOAuthScopes: [],
        clientCredentials: false,
      };
      this.state.clients[staffClient.clientId] = staffClient;
      this.state.staffClientId = staffClient.clientId;
      this.save();
    }
  }

  get staffClientId(): string {
    return this.state.staffClientId;
  }

  /**
   * Runs `work` with the pool written once when it ends (even if it fails) instead of after each
   * change. Seeding the demo county makes some 100 changes, each writing the whole file again and
   * renaming it over the last (ext4 flushes a file renamed over another): 100 to 700 ms of the seeding's
   * wall in every test file that starts an API server. Changes made meanwhile by requests wait too.
   */
  async savesHeldDuring<T>(work: () => Promise<T>): Promise<T> {
    this.savesHeld += 1;
    try {
      return await work();
    } finally {
      this.savesHeld -= 1;
      if (this.savesHeld === 0 && this.unsaved) this.save();
    }
  }

  private save(): void {
    if (this.savesHeld > 0) {
      this.unsaved = true;
      return;
    }
    this.unsaved = false;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state, null, 2), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  checkPool(userPoolId: unknown): void {
    if (userPoolId !== this.userPoolId) {
      throw new UserPoolError('ResourceNotFoundException', `User pool ${String(userPoolId)} does not exist.`);
    }
  }

  private user(username: string): PoolUser {
    const user = this.state.users[username];
    if (!user) throw new UserPoolError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  private client(clientId: string): PoolClient {
    const client = this.state.clients[clientId];
    if (!client) throw new UserPoolError('ResourceNotFoundException', 'User pool client does not exist.');
    return client;
  }

  hasUser(username: string): boolean {
    return Boolean(this.state.users[username]);
  }

  createUser(username: string): { username: string; sub: string } {
    if (this.state.users[username]) throw new UserPoolError('UsernameExistsException', 'User already exists');
    const user: PoolUser = { username, sub: randomUUID(), enabled: true };
    this.state.users[username] = user;
    this.save();
    return { username, sub: user.sub };
  }

  /** A permanent password signs straight in; a temporary one must be changed at the next sign-in. */
  async setPassword(username: string, password: string, permanent = true): Promise<void> {
    checkPasswordPolicy(password);
    const user = this.user(username);
    user.passwordHash = await hashSecret(password);
    user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    this.save();
  }

  /** Local-only: this user must set up an authenticator app at the next sign-in (MFA_SETUP). */
  requireMfa(username: string, required = true): void {
    const user = this.user(username);
    user.mfaRequired = required;
    if (!required) delete user.totpSecret;
    this.save();
  }

  setGroup(username: string, group: string, member: boolean): void {
    const user = this.user(username);
    const groups = new Set(user.groups ?? []);
    if (member) groups.add(group);
    else groups.delete(group);
    user.groups = [...groups];
    this.save();
  }

  setEnabled(username: string, enabled: boolean): void {
    this.user(username).enabled = enabled;
    this.save();
  }

  async signIn(clientId: string, username: string, password: string): Promise<SignInAnswer> {
    if (clientId !== this.state.staffClientId) this.client(clientId);
    if (clientId !== this.state.staffClientId) {
      throw new UserPoolError(
        'NotAuthorizedException',
        'USER_PASSWORD_AUTH flow not enabled for this client',
      );
    }
    const user = this.state.users[username];
    const ok = user?.passwordHash ? await verifySecret(password, user.passwordHash) : false;
    if (!user || !ok) throw new UserPoolError('NotAuthorizedException', 'Incorrect username or password.');
    if (!user.enabled) throw new UserPoolError('NotAuthorizedException', 'User is disabled.');
    if (user.status === 'FORCE_CHANGE_PASSWORD')
      return this.challenge(user, clientId, 'NEW_PASSWORD_REQUIRED');
    return this.afterPassword(user, clientId);
  }

  private afterPassword(user: PoolUser, clientId: string): SignInAnswer {
    if (user.totpSecret) return this.challenge(user, clientId, 'SOFTWARE_TOKEN_MFA');
    if (user.mfaRequired ?? this.mfaRequiredForAll) return this.challenge(user, clientId, 'MFA_SETUP');
    return { kind: 'token', token: this.staffToken(user, clientId) };
  }

  private challenge(user: PoolUser, clientId: string, challenge: PoolChallenge): SignInAnswer {
    const session = this.openSession({
      username: user.username,
      clientId,
      challenge,
      expiresAt: Date.now() + CHALLENGE_SESSION_MS,
    });
    return { kind: 'challenge', challenge, session, username: user.username };
  }

  private openSession(session: ChallengeSession): string {
    const id = randomBytes(96).toString('base64');
    this.sessions.set(id, session);
    return id;
  }

  /** The session, once: every call that moves a challenge on hands out a new Session string. */
  private takeSession(id: string, challenge: PoolChallenge): ChallengeSession {
    const session = this.sessions.get(id);
    if (!session || session.expiresAt <= Date.now()) {
      this.sessions.delete(id);
      throw new UserPoolError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    }
    if (session.challenge !== challenge) {
      throw new UserPoolError('InvalidParameterException', `The session is not for ${challenge}`);
    }
    return session;
  }

  /** RespondToAuthChallenge for the challenges this pool sets. */
  async respondToChallenge(
    clientId: string,
    challenge: PoolChallenge,
    sessionId: string,
    responses: Record<string, string>,
  ): Promise<SignInAnswer> {
    const session = this.takeSession(sessionId, challenge);
    if (session.clientId !== clientId) throw new UserPoolError('NotAuthorizedException', 'Wrong client.');
    const user = this.user(session.username);
    if (!user.enabled) throw new UserPoolError('NotAuthorizedException', 'User is disabled.');
    if (challenge === 'NEW_PASSWORD_REQUIRED') {
      const password = responses.NEW_PASSWORD ?? '';
      checkPasswordPolicy(password);
      user.passwordHash = await hashSecret(password);
      user.status = 'CONFIRMED';
      this.save();
      this.sessions.delete(sessionId);
      return this.afterPassword(user, clientId);
    }
    if (challenge === 'MFA_SETUP') {
      if (!session.verified) {
        throw new UserPoolError('InvalidParameterException', 'Verify the software token first.');
      }
      this.sessions.delete(sessionId);
      return { kind: 'token', token: this.staffToken(user, clientId) };
    }
    if (!user.totpSecret || !totpMatches(user.totpSecret, responses.SOFTWARE_TOKEN_MFA_CODE ?? '')) {
      throw new UserPoolError('CodeMismatchException', 'Invalid code received for user');
    }
    this.sessions.delete(sessionId);
    return { kind: 'token', token: this.staffToken(user, clientId) };
  }

  /** AssociateSoftwareToken with a challenge Session: a new secret to put in an authenticator app. */
  associateSoftwareToken(sessionId: string): { secret: string; session: string } {
    const session = this.takeSession(sessionId, 'MFA_SETUP');
    this.sessions.delete(sessionId);
    const secret = newTotpSecret();
    return { secret, session: this.openSession({ ...session, pendingSecret: secret, verified: false }) };
  }

  /** VerifySoftwareToken with a challenge Session: a right code makes the secret the user's own. */
  verifySoftwareToken(sessionId: string, code: string): { session: string } {
    const session = this.takeSession(sessionId, 'MFA_SETUP');
    if (!session.pendingSecret) {
      throw new UserPoolError('InvalidParameterException', 'Associate a software token first.');
    }
    // A wrong code leaves the session as it was, so the user can try again.
    if (!totpMatches(session.pendingSecret, code)) {
      throw new UserPoolError('CodeMismatchException', 'Invalid code received for user');
    }
    const user = this.user(session.username);
    user.totpSecret = session.pendingSecret;
    this.save();
    this.sessions.delete(sessionId);
    return { session: this.openSession({ ...session, verified: true }) };
  }

  private staffToken(user: PoolUser, clientId: string): AccessToken {
    return this.issue(
      {
        sub: user.sub,
        username: user.username,
        client_id: clientId,
        scope: 'aws.cognito.signin.user.admin',
        ...(user.groups?.length ? { 'cognito:groups': user.groups } : {}),
      },
      STAFF_TOKEN_SECONDS,
    );
  }

  async createClient(input: {
    clientName: string;
    scopes: string[];
  }): Promise<{ clientId: string; clientSecret: string }> {
    const clientId = newClientId();
    const clientSecret = generateSecret();
    const secret = {
      id: randomUUID(),
      hash: await hashSecret(clientSecret),
      createdAt: new Date().toISOString(),
    };
    this.state.clients[clientId] = {
      clientId,
      clientName: input.clientName,
      secrets: [secret],
      allowedOAuthScopes: [...input.scopes],
      clientCredentials: true,
    };
    this.save();
    return { clientId, clientSecret };
  }

  async addClientSecret(clientId: string): Promise<{ id: string; value: string; createdAt: string }> {
    const client = this.client(clientId);
    if (client.secrets.length >= MAX_SECRETS_PER_CLIENT) {
      throw new UserPoolError('LimitExceededException', 'A client can have at most two secrets');
    }
    const value = generateSecret();
    const secret = { id: randomUUID(), hash: await hashSecret(value), createdAt: new Date().toISOString() };
    client.secrets.push(secret);
    this.save();
    return { id: secret.id, value, createdAt: secret.createdAt };
  }

  listClientSecrets(clientId: string): { id: string; createdAt: string }[] {
    return this.client(clientId).secrets.map(({ id, createdAt }) => ({ id, createdAt }));
  }

  deleteClientSecret(clientId: string, secretId: string): void {
    const client = this.client(clientId);
    const before = client.secrets.length;
    client.secrets = client.secrets.filter((secret) => secret.id !== secretId);
    if (client.secrets.length === before)
      throw new UserPoolError('ResourceNotFoundException', 'No such secret');
    this.save();
  }

  deleteClient(clientId: string): void {
    this.client(clientId);
    delete this.state.clients[clientId];
    this.save();
  }

  /** The OAuth 2.0 client-credentials grant: checks the secret and narrows to the requested scopes. */
  async clientCredentials(
    clientId: string,
    secret: string,
    requested: string[] | undefined,
  ): Promise<AccessToken> {
    const client = this.state.clients[clientId];
    let ok = false;
    for (const stored of client?.secrets ?? []) {
      if (await verifySecret(secret, stored.hash)) ok = true;
    }
    if (!client || !ok || !client.clientCredentials)
      throw new UserPoolError('invalid_client', 'invalid client');
    const scopes = requested ?? client.allowedOAuthScopes;
    if (scopes.some((scope) => !client.allowedOAuthScopes.includes(scope))) {
      throw new UserPoolError('invalid_scope', 'a requested scope is not allowed for this client');
    }
    return this.issue({ sub: clientId, client_id: clientId, scope: scopes.join(' ') }, PARTNER_TOKEN_SECONDS);
  }

  private issue(claims: Record<string, unknown>, seconds: number): AccessToken {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signJwt(this.key, {
      ...claims,
      iss: this.issuer(),
      token_use: 'access',
      auth_time: now,
      iat: now,
      exp: now + seconds,
      jti: randomUUID(),
      version: 2,
    });
    return { accessToken, expiresIn: seconds };
  }
}
