import { ApiError } from '../api/errors';
import type { Store } from '../store';
import type { PersistenceBatch } from './persistence-batch';
import type { ExecutionRegistry } from './registry';
import type { Scheduler } from './scheduler';

const TOKEN_PATTERN = /^AQB[A-Za-z0-9_-]{64}$/;

/** AWS's answer to a callback for a task that has stopped waiting (it timed out, failed or was answered). */
export function taskTimedOut(): ApiError {
  return new ApiError('TaskTimedOut', 'Task Timed Out');
}

/**
 * SendTaskSuccess / Failure / Heartbeat: answered once the resulting step is committed. A token the engine
 * handed out but no longer waits on is told apart from one it never knew, as AWS does.
 */
export function deliverCallback(
  parts: { store: Store; batch: PersistenceBatch; registry: ExecutionRegistry; scheduler: Scheduler },
  token: string,
  action: 'success' | 'failure' | 'heartbeat',
  payload: { output?: unknown; error?: string; cause?: string },
): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return Promise.reject(new ApiError('InvalidToken', 'Invalid token'));
  const live = parts.registry.tokenHolder(token);
  if (!live) {
    const known = parts.batch.isTokenClosedUncommitted(token) || parts.store.getToken(token) !== undefined;
    if (known) return Promise.reject(taskTimedOut());
    return Promise.reject(new ApiError('TaskDoesNotExist', 'Task does not exist anymore'));
  }
  return new Promise((resolve, reject) => {
    parts.scheduler.enqueue({
      kind: 'callback',
      execId: live.execId,
      threadId: live.threadId,
      token,
      action,
      ...payload,
      reply: (err) => (err ? reject(err) : resolve()),
    });
  });
}
