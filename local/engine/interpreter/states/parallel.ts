import type { Execution } from '../../execution';
import type { StateDef, Thread } from '../../types';
import { flowFor } from '../flow';
import type { InterpreterHost } from '../host';
import { childrenComplete } from './children';

export async function startParallel(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const flow = flowFor(host, ex, th, state);
  if (th.effective === undefined) th.effective = flow.effectiveInput(th.input);
  const branchInput = await flow.payload(th.input, th.effective);
  const branches = state.Branches ?? [];
  th.phase = 'children';
  th.seq++;
  const startedEventId = host.emit(ex, th, 'ParallelStateStarted', {});
  th.children = {
    kind: 'parallel',
    total: branches.length,
    started: 0,
    done: 0,
    failed: 0,
    maxConcurrency: 0,
    toleratedCount: 0,
    toleratedPercentage: 0,
    childIds: [],
    startedEventId,
  };
  host.touch(ex, th);
  branches.forEach((branch, index) => {
    const child = host.newThread(ex, {
      parent: th.id,
      index,
      scope: [...th.scope, { state: th.state, branch: index }],
      state: branch.StartAt,
      input: branchInput,
      vars: { ...th.vars },
      lastEventId: startedEventId,
      quiet: th.quiet,
    });
    th.children!.childIds.push(child.id);
    th.children!.started++;
    host.runLater(ex, child);
  });
  if (branches.length === 0) await childrenComplete(host, ex, th, state);
}
