import { StatesError } from '../../errors';
import type { Execution } from '../../execution';
import { jsonataExpressionOf, jsonTypeName } from '../../language';
import type { StateDef, Thread } from '../../types';
import { DataFlow } from '../dataflow';
import { flowFor, json } from '../flow';
import type { InterpreterHost } from '../host';
import { childrenComplete } from './children';

export async function startMap(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const flow = flowFor(host, ex, th, state);
  if (th.effective === undefined) th.effective = flow.effectiveInput(th.input);
  let items: unknown;
  if (flow.jsonata) {
    items = state.Items === undefined ? th.input : await flow.field('Items', undefined, th.input);
    if (!Array.isArray(items)) {
      if (state.Items === undefined) {
        throw new StatesError(
          'States.QueryEvaluationError',
          `Map state input must be an array but was: ${json(items)}`,
        );
      }
      throw new StatesError(
        'States.QueryEvaluationError',
        `The JSONata expression '${jsonataExpressionOf(state.Items) ?? String(state.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${jsonTypeName(items)}' for value: ${json(items)}`,
        'Items',
      );
    }
  } else {
    items = state.ItemsPath ? readItems(flow, state.ItemsPath, th.effective) : th.effective;
    if (!Array.isArray(items)) {
      throw new StatesError('States.Runtime', `Map state input must be an array but was: ${json(items)}`);
    }
  }
  const maxConcurrency = numeric(
    await flow.field('MaxConcurrency', 'MaxConcurrencyPath', th.effective),
    state.MaxConcurrencyPath,
  );
  if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && Number(maxConcurrency) >= 0)) {
    throw pathValueError(state, 'MaxConcurrencyPath', maxConcurrency, 'integer');
  }
  th.phase = 'children';
  th.seq++;
  const list = items as unknown[];
  let startedEventId = host.emit(ex, th, 'MapStateStarted', {
    mapStateStartedEventDetails: { length: list.length },
  });
  // AWS reads the tolerated failure thresholds once the Map has started (recordings: the failure follows MapStateStarted).
  const toleratedCount = numeric(
    await flow.field('ToleratedFailureCount', 'ToleratedFailureCountPath', th.effective),
    state.ToleratedFailureCountPath,
  );
  const toleratedPercentage = numeric(
    await flow.field('ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', th.effective),
    state.ToleratedFailurePercentagePath,
  );
  if (toleratedCount !== undefined) {
    if (!Number.isInteger(toleratedCount))
      throw pathValueError(state, 'ToleratedFailureCountPath', toleratedCount, 'integer');
    if (Number(toleratedCount) < 0)
      throw new StatesError('States.Runtime', 'ToleratedFailureCount cannot be negative.');
  }
  if (toleratedPercentage !== undefined) {
    if (typeof toleratedPercentage !== 'number')
      throw pathValueError(state, 'ToleratedFailurePercentagePath', toleratedPercentage, 'float');
    if (toleratedPercentage < 0 || toleratedPercentage > 100)
      throw new StatesError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  }
  th.children = {
    kind: 'map',
    total: list.length,
    started: 0,
    done: 0,
    failed: 0,
    maxConcurrency: Number(maxConcurrency ?? 0),
    toleratedCount: toleratedCount === undefined ? -1 : Number(toleratedCount),
    toleratedPercentage: toleratedPercentage === undefined ? -1 : Number(toleratedPercentage),
    items: list,
    selectorInput: th.effective,
    childIds: [],
    startedEventId,
  };
  if ((state.ItemProcessor ?? state.Iterator)?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
    startedEventId = host.emit(ex, th, 'MapRunStarted', {
      mapRunStartedEventDetails: { mapRunArn: mapRunArn(ex, th, state) },
    });
    th.children.startedEventId = startedEventId;
    th.children.distributed = true;
  }
  host.touch(ex, th);
  if (list.length === 0) return childrenComplete(host, ex, th, state);
  await launchIterations(host, ex, th, state);
}

/** A Map Run's ARN: `arn:aws:states:<region>:<account>:mapRun:<machine>/<label or state>:<run id>`. */
function mapRunArn(ex: Execution, th: Thread, state: StateDef): string {
  const prefix = ex.smArn.replace(':stateMachine:', ':mapRun:');
  return `${prefix}/${state.Label ?? th.state}:${ex.name}-${th.enteredEventId}`;
}

/**
 * A *Path field may find its number as text: AWS runs a Map whose MaxConcurrencyPath or
 * ToleratedFailure*Path finds "1" (recordings); text that is not a number stays text, and fails.
 */
function numeric(value: unknown, path: string | undefined): unknown {
  if (path === undefined || typeof value !== 'string') return value;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()) ? Number(value) : value;
}

/** A Map's *Path field found a value of the wrong kind: AWS's cause names the value and the path. */
function pathValueError(
  state: StateDef,
  field: 'MaxConcurrencyPath' | 'ToleratedFailureCountPath' | 'ToleratedFailurePercentagePath',
  value: unknown,
  kind: 'integer' | 'float',
): StatesError {
  const path = state[field];
  const shown = typeof value === 'string' ? value : json(value);
  if (path === undefined) {
    // A JSONata expression gave it (the literal forms are checked with the definition).
    const name = field.slice(0, -'Path'.length);
    return new StatesError(
      'States.QueryEvaluationError',
      `The ${name} field refers to value "${shown}" which is not a valid ${kind}`,
      name,
    );
  }
  return new StatesError(
    'States.Runtime',
    `The ${field} field refers to value "${shown}" which is not a valid ${kind}: ${path}`,
  );
}

function readItems(flow: DataFlow, path: string, input: unknown): unknown {
  // ItemsPath is a reference path into the effective input.
  const probe = new DataFlow(flow.ql, { Type: 'Pass', InputPath: path }, flow.ctx, flow.vars, flow.now);
  return probe.effectiveInput(input);
}

export async function launchIterations(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const ch = th.children!;
  const processor = (state.ItemProcessor ?? state.Iterator)!;
  const running = ch.started - ch.done - ch.failed;
  let room = ch.maxConcurrency > 0 ? ch.maxConcurrency - running : ch.total;
  while (room > 0 && ch.started < ch.total) {
    const index = ch.started;
    const value = ch.items![index];
    const flow = flowFor(host, ex, th, state, { index, value });
    const input = await flow.itemInput(th.input, ch.selectorInput, value, flow.ctx);
    const iterationEventId = ch.distributed
      ? ch.startedEventId
      : host.emit(ex, th, 'MapIterationStarted', {
          mapIterationStartedEventDetails: { name: th.state, index },
        });
    th.lastEventId = ch.startedEventId;
    const child = host.newThread(ex, {
      parent: th.id,
      index,
      scope: [...th.scope, { state: th.state }],
      state: processor.StartAt,
      input,
      vars: { ...th.vars },
      lastEventId: iterationEventId,
      quiet: th.quiet || ch.distributed,
    });
    ch.childIds[index] = child.id;
    ch.started++;
    room--;
    host.runLater(ex, child);
  }
  host.touch(ex, th);
}
