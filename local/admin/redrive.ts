import {
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

export async function redrive(
  target: string,
  options: RedriveOptions,
): Promise<{ executionArn: string; redriveDate?: Date }> {
  const sfn = client(options);
  try {
    let executionArn: string;
    if (target.startsWith('arn:')) executionArn = target;
    else if (CASE_ID.test(target)) {
      if (!options.journeyArn) throw new RedriveError("Give --journey-arn to find a case's journey on AWS.");
      executionArn = await failedJourneyOf(sfn, options.journeyArn, target);
    } else throw new RedriveError(`"${target}" is neither an execution ARN nor a case id.`);
    try {
      const answer = await sfn.send(new RedriveExecutionCommand({ executionArn }));
      return { executionArn, redriveDate: answer.redriveDate };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'ExecutionNotRedrivable' || name === 'ExecutionDoesNotExist') {
        throw new RedriveError(`${executionArn}: ${(error as Error).message}`);
      }
      throw error;
    }
  } finally {
    sfn.destroy();
  }
}
