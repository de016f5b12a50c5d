import type { Execution } from '../execution';
import type { MachineDef, QueryLanguage, StateDef, Thread } from '../types';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** States that can retry: AWS gives them `State.RetryCount`, other states' context has no such field. */
const RETRYING = new Set(['Task', 'Parallel', 'Map']);

/**
 * The context object (`$$` / `$states.context`) a thread sees, with AWS's fields in AWS's order (recorded
 * `$$` outputs: Execution {Id, Input, StartTime, Name, RoleArn, RedriveCount}, StateMachine, State).
 */
export function contextObject(
  ex: Execution,
  th: Thread,
  mapItem?: { index: number; value: unknown },
  stateType?: string,
) {
  const execution: Record<string, unknown> = {
    Id: ex.arn,
    Input: ex.input,
    StartTime: iso(ex.startMs),
    Name: ex.name,
    RoleArn: ex.roleArn,
    RedriveCount: ex.redriveCount,
  };
  if (ex.redriveMs !== undefined) execution.RedriveTime = iso(ex.redriveMs);
  const state: Record<string, unknown> = { Name: th.state, EnteredTime: iso(th.enteredMs) };
  if (stateType === undefined || RETRYING.has(stateType)) state.RetryCount = th.retryCount;
  const ctx: Record<string, unknown> = {
    Execution: execution,
    StateMachine: { Id: ex.smArn, Name: ex.smName },
    State: state,
  };
  if (th.task?.token) ctx.Task = { Token: th.task.token };
  if (mapItem) ctx.Map = { Item: { Index: mapItem.index, Value: mapItem.value } };
  return ctx;
}

/** The States block a thread runs in (root, a Parallel branch, a Map processor). */
export function scopeMachine(ex: Execution, th: Thread): MachineDef {
  let machine: MachineDef = ex.def;
  for (const step of th.scope) {
    const state = machine.States[step.state];
    if (step.branch !== undefined) machine = state.Branches![step.branch];
    else machine = (state.ItemProcessor ?? state.Iterator)!;
  }
  return machine;
}

export function stateOf(ex: Execution, th: Thread): StateDef {
  const state = scopeMachine(ex, th).States[th.state];
  if (!state) throw new Error(`state ${th.state} not found`);
  return state;
}

export function queryLanguageOf(ex: Execution, state: StateDef): QueryLanguage {
  return state.QueryLanguage ?? ex.def.QueryLanguage ?? 'JSONPath';
}
