import { ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../shared/adapters/data/db';
import type { Case, Task } from '../../shared/core/schemas';
import { listWorkflows } from '../../workflows/definitions';
import { stateMachineArn } from '../stack/environment';
import { isOpenStatus } from '../../shared/core/vocabulary/cases';

// What a soak run ends with, read from the records the product wrote and the engine's executions:
// each family's case(s) with their state and tasks, the task totals, every execution that ended
// unsuccessfully, and every journey that cannot move on.

export interface FamilyOutcome {
  /** How many cases the family has (one; two would be a doubled referral). */
  cases: number;
  status: string;
  supportLevel?: string;
  keyWorkerId?: string;
  reviewCount: number;
  closureReason?: string;
  /** The family's tasks by `type status`. */
  tasks: Record<string, number>;
}

export interface SoakOutcome {
  /** By family index (from the referral's address); a family without a case is missing. */
  families: Record<string, FamilyOutcome>;
  /** Every task, the report tasks included, by `type status`. */
  tasks: Record<string, number>;
  /** Executions that ended FAILED, TIMED_OUT or ABORTED, by state machine and status. */
  failedExecutions: string[];
  /** Families whose journey cannot move on, with why. */
  stuck: string[];
}

const FAMILY_ADDRESS = /^(\d+) Simulation Road$/;

async function scan<T>(db: Db, sk: string): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'sk = :sk',
        ExpressionAttributeValues: { ':sk': sk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function executions(sfn: SFNClient, workflow: string, status: string) {
  const found: { name: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn(workflow),
        statusFilter: status as 'RUNNING',
        maxResults: 1000,
        nextToken,
      }),
    );
    found.push(...(page.executions ?? []).map((execution) => ({ name: execution.name! })));
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

function count(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1;
}

export async function readOutcome(db: Db, sfn: SFNClient): Promise<SoakOutcome> {
  const cases = await scan<Case>(db, 'CASE');
  const tasks = await scan<Task>(db, 'TASK');
  const taskTotals: Record<string, number> = {};
  const tasksByCase = new Map<string, Task[]>();
  for (const task of tasks) {
    count(taskTotals, `${task.type} ${task.status}`);
    if (task.caseId) tasksByCase.set(task.caseId, [...(tasksByCase.get(task.caseId) ?? []), task]);
  }

  const failedExecutions: string[] = [];
  for (const workflow of listWorkflows().map((entry) => entry.name))
    for (const status of ['FAILED', 'TIMED_OUT', 'ABORTED'])
      for (const execution of await executions(sfn, workflow, status))
        failedExecutions.push(`${workflow} ${status} ${execution.name}`);
  const running = new Set(
    (await executions(sfn, 'journey', 'RUNNING')).map((entry) => entry.name.slice(0, 26)),
  );

  const families: Record<string, FamilyOutcome> = {};
  const stuck: string[] = [];
  for (const record of cases.sort((a, b) => a.id.localeCompare(b.id))) {
    const index =
      FAMILY_ADDRESS.exec(record.referral.family.address?.line1 ?? '')?.[1] ?? `case ${record.id}`;
    const own = tasksByCase.get(record.id) ?? [];
    const known = families[index];
    if (known) {
      known.cases += 1;
      continue;
    }
    const byType: Record<string, number> = {};
    for (const task of own) count(byType, `${task.type} ${task.status}`);
    families[index] = {
      cases: 1,
      status: record.status,
      ...(record.supportLevel ? { supportLevel: record.supportLevel } : {}),
      ...(record.keyWorkerId ? { keyWorkerId: record.keyWorkerId } : {}),
      reviewCount: record.reviewCount,
      ...(record.closure ? { closureReason: record.closure.reason } : {}),
      tasks: byType,
    };
    const open = isOpenStatus(record.status);
    const openTasks = own.filter((task) => task.status === 'OPEN').length;
    if (open && !running.has(record.id)) stuck.push(`family ${index}: case open, no journey running`);
    if (!open && running.has(record.id)) stuck.push(`family ${index}: case ended, journey still running`);
    if (!open && openTasks > 0) stuck.push(`family ${index}: case ended with an open task`);
    if (openTasks > 1) stuck.push(`family ${index}: ${openTasks} open tasks`);
  }
  return { families, tasks: taskTotals, failedExecutions, stuck };
}
