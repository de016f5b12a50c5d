import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { sfn } from '../aws/clients';
import { logger } from '../../core/logger';
import { executionArnOf, executionName, journeyStateMachineArn } from './executions';

// The states a case's journey has passed through, read from its executions' histories (the first
// named by the case id, each continuation `<caseId>-<generation>`). Only state names and times:
// inputs and outputs are never read, so nothing personal leaves Step Functions this way.

export interface JourneyStep {
  state: string;
  at: string;
  /** The execution it ran in (1 the first, 2 its continuation, ...). */
  generation: number;
}

/** Enough for a year-long case; a longer chain shows its first generations. */
const MAX_GENERATIONS = 20;
const MAX_EVENTS = 5000;

async function historyOf(arn: string): Promise<HistoryEvent[] | undefined> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    try {
      const page = await sfn().send(
        new GetExecutionHistoryCommand({
          executionArn: arn,
          includeExecutionData: false,
          maxResults: 1000,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } catch (error) {
      if ((error as { name?: string }).name === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  } while (nextToken && events.length < MAX_EVENTS);
  return events;
}

/**
 * The journey's states entered, oldest first, or `undefined` when the histories cannot be read (an
 * execution past Step Functions' 90-day retention, or no engine): the page then shows the audit
 * timeline alone.
 */
export async function journeySteps(caseId: string): Promise<JourneyStep[] | undefined> {
  try {
    const machine = journeyStateMachineArn();
    const steps: JourneyStep[] = [];
    for (let generation = 1; generation <= MAX_GENERATIONS; generation += 1) {
      const events = await historyOf(executionArnOf(machine, executionName({ caseId, generation })));
      if (!events) break;
      for (const event of events) {
        const name = event.stateEnteredEventDetails?.name;
        if (!name || !event.type?.endsWith('StateEntered')) continue;
        steps.push({ state: name, at: new Date(event.timestamp!).toISOString(), generation });
      }
    }
    return steps;
  } catch (error) {
    logger.warn('journey history unavailable', { error: (error as Error).name });
    return undefined;
  }
}
