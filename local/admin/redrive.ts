import {
  DescribeExecutionCommand,
  type ExecutionListItem,
  type ExecutionStatus,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';

// `npm run admin -- redrive <execution-arn|case-id>`: restarts a failed journey from the state that
// failed (Step Functions RedriveExecution), after the cause is fixed. It talks to Step Functions itself,
// as `aws stepfunctions redrive-execution` would: locally the engine, on AWS (--aws) with the caller's
// own credentials, which need states:RedriveExecution and states:ListExecutions. A case id stands for
// its journey's latest unsuccessful execution (`<caseId>`, or `<caseId>-<n>` for a later stage).
// A journey that failed because its task's child execution (human-task, `.sync:2`) failed has that
// child redriven first: redriving the journey alone would start the child again under its name, which
// Step Functions refuses once that execution has closed; a running one it hands back, and the
// journey's task follows it again (docs/decisions.md, "Redriving a journey whose child failed").

const UNSUCCESSFUL: ExecutionStatus[] = ['FAILED', 'TIMED_OUT', 'ABORTED'];
const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface RedriveOptions {
  /** The Step Functions endpoint; undefined on AWS (the SDK's own). */
  endpoint?: string;
  region: string;
  /** The journey state machine, to find a case's execution (needed for a case id only). */
  journeyArn?: string;
}

export class RedriveError extends Error {}

function client(options: RedriveOptions): SFNClient {
  return new SFNClient({
    region: options.region,
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}

/** The journey execution of a case that most recently ended unsuccessfully. */
async function failedJourneyOf(sfn: SFNClient, journeyArn: string, caseId: string): Promise<string> {
  const candidates: ExecutionListItem[] = [];
  for (const statusFilter of UNSUCCESSFUL) {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: journeyArn, statusFilter, nextToken, maxResults: 1000 }),
      );
      candidates.push(
        ...(page.executions ?? []).filter(
          (execution) => execution.name === caseId || execution.name?.startsWith(`${caseId}-`),
        ),
      );
      nextToken = page.nextToken;
    } while (nextToken);
  }
  const latest = candidates.sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0))[0];
  if (!latest?.executionArn) {
    throw new RedriveError(`No failed, timed out or aborted journey execution for case ${caseId}.`);
  }
  return latest.executionArn;
}

/** The child execution whose failure failed this one's `.sync` task (its ARN is in the cause). */
function failedChildIn(error: string | undefined, cause: string | undefined): string | undefined {
  if (error !== 'States.TaskFailed' || !cause) return undefined;
  try {
    const parsed = JSON.parse(cause) as { ExecutionArn?: unknown; Status?: unknown };
    return typeof parsed.ExecutionArn === 'string' && UNSUCCESSFUL.includes(parsed.Status as ExecutionStatus)
      ? parsed.ExecutionArn
      : undefined;
  } catch {
    return undefined; // a Lambda's or another service's failure: nothing below to redrive
  }
}

/**
 * Redrives the failed children below an execution, deepest first, then the execution itself. A child
 * already running again (redriven by an earlier attempt) is left as it is.
 */
async function redriveWithChildren(sfn: SFNClient, executionArn: string, depth = 0): Promise<string[]> {
  try {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (depth > 0 && described.status === 'RUNNING') return [];
    const child = depth < 5 ? failedChildIn(described.error, described.cause) : undefined;
    const children = child ? await redriveWithChildren(sfn, child, depth + 1) : [];
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    return [...children, executionArn];
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ExecutionNotRedrivable' || name === 'ExecutionDoesNotExist') {
      throw new RedriveError(`${executionArn}: ${(error as Error).message}`);
    }
    throw error;
  }
}

export async function redrive(
  target: string,
  options: RedriveOptions,
): Promise<{ executionArn: string; redriven: string[] }> {
  const sfn = client(options);
  try {
    let executionArn: string;
    if (target.startsWith('arn:')) executionArn = target;
    else if (CASE_ID.test(target)) {
      if (!options.journeyArn) throw new RedriveError("Give --journey-arn to find a case's journey on AWS.");
      executionArn = await failedJourneyOf(sfn, options.journeyArn, target);
    } else throw new RedriveError(`"${target}" is neither an execution ARN nor a case id.`);
    return { executionArn, redriven: await redriveWithChildren(sfn, executionArn) };
  } finally {
    sfn.destroy();
  }
}
