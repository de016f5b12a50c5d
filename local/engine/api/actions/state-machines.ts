import { randomUUID } from 'node:crypto';
import { checkDefinition as validateDefinition } from '../../definition';
import type { StateMachineRow } from '../../store';
import type { EngineApi } from '../engine-api';
import { ApiError, validation } from '../errors';
import {
  type Action,
  type Body,
  checkName,
  getMachine,
  maxResults,
  pageToken,
  readPageToken,
  requireString,
  seconds,
} from './request';

// Creating, changing, reading and deleting state machines.

function checkDefinitionText(text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${e instanceof Error ? e.message : String(e)}'`,
    );
  }
  const result = validateDefinition(parsed);
  if (!result.valid) {
    throw new ApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: '${result.diagnostics.map((d) => d.message).join(', ')}'`,
    );
  }
}

function smArnOf(rt: EngineApi, name: string): string {
  return `arn:aws:states:${rt.region}:${rt.accountId}:stateMachine:${name}`;
}

function describeMachine(sm: StateMachineRow): Body {
  return {
    stateMachineArn: sm.arn,
    name: sm.name,
    status: 'ACTIVE',
    definition: sm.definition,
    roleArn: sm.roleArn,
    type: sm.type,
    creationDate: seconds(sm.createdMs),
    loggingConfiguration: sm.extra.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: sm.extra.tracingConfiguration ?? { enabled: false },
    revisionId: sm.revisionId,
    ...(sm.extra.description !== undefined ? { description: sm.extra.description } : {}),
  };
}

export const STATE_MACHINE_ACTIONS: Record<string, Action> = {
  CreateStateMachine(rt, body) {
    const name = checkName(body.name);
    const definition = requireString(body, 'definition');
    const roleArn = requireString(body, 'roleArn');
    const type = body.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    if (body.type !== undefined && body.type !== 'EXPRESS' && body.type !== 'STANDARD') {
      throw validation(
        `1 validation error detected: Value '${String(body.type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    }
    checkDefinitionText(definition);
    const arn = smArnOf(rt, name);
    const existing = rt.stateMachine(arn);
    if (existing) {
      if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type) {
        return { stateMachineArn: arn, creationDate: seconds(existing.createdMs) };
      }
      throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const now = rt.now();
    rt.putStateMachine({
      arn,
      name,
      type,
      roleArn,
      definition,
      createdMs: now,
      updatedMs: now,
      revisionId: randomUUID(),
      extra: {
        loggingConfiguration: body.loggingConfiguration,
        tracingConfiguration: body.tracingConfiguration,
      },
    });
    return { stateMachineArn: arn, creationDate: seconds(now) };
  },

  UpdateStateMachine(rt, body) {
    const sm = getMachine(rt, body.stateMachineArn);
    if (
      body.definition === undefined &&
      body.roleArn === undefined &&
      body.loggingConfiguration === undefined &&
      body.tracingConfiguration === undefined
    ) {
      throw new ApiError(
        'MissingRequiredParameter',
        'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
      );
    }
    if (body.definition !== undefined) checkDefinitionText(String(body.definition));
    const now = rt.now();
    const revisionId = randomUUID();
    rt.putStateMachine({
      ...sm,
      definition: body.definition === undefined ? sm.definition : String(body.definition),
      roleArn: body.roleArn === undefined ? sm.roleArn : String(body.roleArn),
      updatedMs: now,
      revisionId,
      extra: {
        ...sm.extra,
        ...(body.loggingConfiguration !== undefined
          ? { loggingConfiguration: body.loggingConfiguration }
          : {}),
        ...(body.tracingConfiguration !== undefined
          ? { tracingConfiguration: body.tracingConfiguration }
          : {}),
      },
    });
    return { updateDate: seconds(now), revisionId };
  },

  DescribeStateMachine(rt, body) {
    return describeMachine(getMachine(rt, body.stateMachineArn));
  },

  ListStateMachines(rt, body) {
    const limit = maxResults(body, 100);
    const start = readPageToken(body.nextToken) ?? 0;
    const all = rt.listStateMachines();
    const page = all.slice(start, start + limit);
    return {
      stateMachines: page.map((sm) => ({
        stateMachineArn: sm.arn,
        name: sm.name,
        type: sm.type,
        creationDate: seconds(sm.createdMs),
      })),
      ...(start + limit < all.length ? { nextToken: pageToken(start + limit) } : {}),
    };
  },

  DeleteStateMachine(rt, body) {
    const arn = body.stateMachineArn;
    if (typeof arn !== 'string')
      throw validation(
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
      );
    // Running executions keep their own copy of the definition and finish, as on AWS.
    rt.deleteStateMachine(arn);
    return {};
  },

  ValidateStateMachineDefinition(_rt, body) {
    const definition = requireString(body, 'definition');
    let parsed: unknown;
    try {
      parsed = JSON.parse(definition);
    } catch (e) {
      return {
        result: 'FAIL',
        diagnostics: [
          {
            severity: 'ERROR',
            code: 'INVALID_JSON_DESCRIPTION',
            message: e instanceof Error ? e.message : String(e),
          },
        ],
        truncated: false,
      };
    }
    const result = validateDefinition(parsed);
    return {
      result: result.valid ? 'OK' : 'FAIL',
      diagnostics: result.diagnostics.map((d) => ({ severity: 'ERROR', ...d })),
      truncated: false,
    };
  },
};
