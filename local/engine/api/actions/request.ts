import { MAX_NAME_LENGTH, MAX_PAYLOAD_BYTES } from '../../interpreter/limits';
import type { StateMachineRow } from '../../store';
import type { EngineApi } from '../engine-api';
import { ApiError, notFoundStateMachine, validation } from '../errors';

// What every action checks of its request, with the service's own error names and texts.

export type Body = Record<string, unknown>;
export type Action = (rt: EngineApi, body: Body) => Promise<unknown> | unknown;

export const seconds = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? undefined : ms / 1000;

// Names: 1-80 characters, none of whitespace, brackets, wildcards, the listed punctuation or control characters.
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const hasControlCharacter = (name: string) =>
  [...name].some((c) => {
    const code = c.charCodeAt(0);
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });

export function checkName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > MAX_NAME_LENGTH ||
    INVALID_NAME.test(name) ||
    hasControlCharacter(name)
  ) {
    throw new ApiError('InvalidName', `Invalid Name: '${String(name)}'`);
  }
  return name;
}

export function requireString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw validation(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function getMachine(rt: EngineApi, arn: unknown): StateMachineRow {
  if (typeof arn !== 'string')
    throw validation(
      "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
  const sm = rt.stateMachine(arn);
  if (!sm) throw notFoundStateMachine(arn);
  return sm;
}

export function pageToken(value: number): string {
  return Buffer.from(JSON.stringify({ c: value })).toString('base64');
}

export function readPageToken(token: unknown): number | undefined {
  if (token === undefined || token === null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { c?: unknown };
    if (typeof parsed.c === 'number') return parsed.c;
  } catch {
    // fall through to the AWS error below
  }
  throw new ApiError('InvalidToken', `Invalid Token: '${String(token)}'`);
}

export function maxResults(body: Body, fallback: number): number {
  const value = body.maxResults;
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== 'number' || value < 0 || value > 1000) {
    throw validation(
      `1 validation error detected: Value '${String(value)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  return value;
}

export function parseInput(input: unknown): string {
  if (input === undefined || input === null) return '{}';
  if (typeof input !== 'string')
    throw new ApiError(
      'InvalidExecutionInput',
      "Invalid State Machine Execution Input: 'Invalid execution input.'",
    );
  if (Buffer.byteLength(input) > MAX_PAYLOAD_BYTES) {
    throw new ApiError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: 'The input exceeds the maximum size of ${MAX_PAYLOAD_BYTES} bytes.'`,
    );
  }
  try {
    JSON.parse(input);
  } catch (e) {
    throw new ApiError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: '${e instanceof Error ? e.message : String(e)}'`,
    );
  }
  return input;
}
