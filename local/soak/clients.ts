import type { LocalUserPool } from '../api/identity/user-pool';
import type { Parts } from './parts';

// How the soak's partners, staff and operator talk to the parts: over HTTP only, each request retried
// as a real client would until it gets an answer. A refused connection, a cut socket or a 5xx means
// "try again" (after every part is back, then a short pause); a partner's retry sends the same
// Idempotency-Key and body; a staff member's retried completion the same outcome.

const GIVE_UP_MS = 15 * 60_000;

export interface Answer {
  status: number;
  body: unknown;
  /** Attempts that got no answer or a 5xx before this one. */
  retries: number;
}

function pause(ms: number): Promise<void> {
  // A client's back-off between attempts, not a synchronisation: the next attempt checks for itself.
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Sends the request (built afresh each attempt) until it is answered with something other than a
 * 5xx, or a 409 saying the same key is still being processed (Powertools' in-progress record, left
 * by a killed API process until its invocation would have timed out).
 */
export async function untilAnswered(
  parts: Parts,
  request: () => Promise<Response>,
  retryable: (status: number, body: unknown) => boolean = () => false,
): Promise<Answer> {
  const from = Date.now();
  let retries = 0;
  let wait = 100;
  for (;;) {
    await parts.allUp();
    let failure: string;
    try {
      const response = await request();
      const text = await response.text();
      const body = text ? safeJson(text) : undefined;
      if (response.status < 500 && !retryable(response.status, body))
        return { status: response.status, body, retries };
      failure = `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    retries += 1;
    if (Date.now() - from > GIVE_UP_MS) throw new Error(`no answer after ${retries} attempts: ${failure}`);
    await pause(wait);
    wait = Math.min(wait * 2, 2000);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const inProgress = (status: number, body: unknown) =>
  status === 409 && JSON.stringify(body).includes('still being processed');

/** A partner client: a token from the API's token endpoint, renewed when refused. */
export class Partner {
  private token?: string;
  constructor(
    private readonly parts: Parts,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  private async bearer(): Promise<string> {
    if (this.token) return this.token;
    const answer = await untilAnswered(this.parts, () =>
      fetch(`${this.parts.apiUrl}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      }),
    );
    if (answer.status !== 200) throw new Error(`token endpoint answered ${answer.status}`);
    this.token = (answer.body as { access_token: string }).access_token;
    return this.token;
  }

  /** POST /v1/referrals with the family's key until answered; a refused token is renewed once. */
  async refer(key: string, body: unknown): Promise<Answer> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.bearer();
      const answer = await untilAnswered(
        this.parts,
        () =>
          fetch(`${this.parts.apiUrl}/v1/referrals`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': key,
            },
            body: JSON.stringify(body),
          }),
        inProgress,
      );
      if (answer.status !== 401 || attempt > 0) return answer;
      this.token = undefined;
    }
  }
}

/** Staff: each person's access token from the local user pool (as `POST /v1/session` gives it). */
export class Staff {
  private readonly tokens = new Map<string, string>();
  constructor(
    private readonly parts: Parts,
    private readonly pool: LocalUserPool,
    private readonly passwords: Map<string, string>,
  ) {}

  private async bearer(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const password = this.passwords.get(username);
    if (!password) throw new Error(`no soak account for ${username}`);
    const answer = await this.pool.signIn(this.pool.staffClientId, username, password);
    if (answer.kind !== 'token') throw new Error(`${username}: sign-in asked for ${answer.kind}`);
    this.tokens.set(username, answer.token.accessToken);
    return answer.token.accessToken;
  }

  /** POST /v1/tasks/{id}/complete until answered; a refused token is renewed once. */
  async complete(username: string, taskId: string, outcome: unknown): Promise<Answer> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.bearer(username);
      const answer = await untilAnswered(this.parts, () =>
        fetch(`${this.parts.apiUrl}/v1/tasks/${taskId}/complete`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ outcome }),
        }),
      );
      if (answer.status !== 401 || attempt > 0) return answer;
      this.tokens.delete(username);
    }
  }
}

/** The operator's hand on the engine's virtual clock: a move answers once the engine is idle. */
export async function setClock(parts: Parts, iso: string): Promise<void> {
  const answer = await untilAnswered(parts, () =>
    fetch(`${parts.engineUrl}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ set: iso }),
    }),
  );
  if (answer.status !== 200)
    throw new Error(`clock move answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}
