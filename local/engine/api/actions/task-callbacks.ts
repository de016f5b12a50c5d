import { MAX_PAYLOAD_BYTES } from '../../interpreter/limits';
import { ApiError } from '../errors';
import { type Action, requireString } from './request';

// The answers to task tokens (callback and activity-style tasks).

export const TASK_CALLBACK_ACTIONS: Record<string, Action> = {
  async SendTaskSuccess(rt, body) {
    const token = requireString(body, 'taskToken');
    const outputText = body.output;
    if (typeof outputText !== 'string') throw new ApiError('InvalidOutput', 'Invalid Output: null');
    let output: unknown;
    try {
      output = JSON.parse(outputText);
    } catch (e) {
      throw new ApiError('InvalidOutput', `Invalid Output: '${e instanceof Error ? e.message : String(e)}'`);
    }
    if (Buffer.byteLength(outputText) > MAX_PAYLOAD_BYTES) {
      throw new ApiError(
        'InvalidOutput',
        `Invalid Output: 'The output exceeds the maximum size of ${MAX_PAYLOAD_BYTES} bytes.'`,
      );
    }
    await rt.callback(token, 'success', { output });
    return {};
  },

  async SendTaskFailure(rt, body) {
    const token = requireString(body, 'taskToken');
    await rt.callback(token, 'failure', {
      error: typeof body.error === 'string' ? body.error : undefined,
      cause: typeof body.cause === 'string' ? body.cause : undefined,
    });
    return {};
  },

  async SendTaskHeartbeat(rt, body) {
    const token = requireString(body, 'taskToken');
    await rt.callback(token, 'heartbeat', {});
    return {};
  },
};
