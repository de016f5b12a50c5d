import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleGroup,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { TimeZone } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { SCHEDULE_TIME_ZONE, type ScheduleEntry } from '../schedules-manifest';
import { deadLetterQueue } from '../security/dead-letter-queue';

export interface SchedulesProps {
  prefix: string;
  schedules: readonly ScheduleEntry[];
  stateMachines: ReadonlyMap<string, IStateMachine>;
}

/**
 * EventBridge Scheduler schedules in Europe/London that start workflows, retried and, when a start
 * still fails, recorded on a dead-letter queue (alarmed). A schedule whose workflow has not landed
 * yet is left out with a synth warning rather than failing the whole app.
 */
export class Schedules extends Construct {
  readonly deadLetterQueue: Queue;
  readonly schedules = new Map<string, Schedule>();

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(
      this,
      `${props.prefix}-schedule-dead-letters`,
      'the EventBridge Scheduler targets',
    );
    const group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: props.prefix,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const timeZone = TimeZone.of(SCHEDULE_TIME_ZONE);

    for (const entry of props.schedules) {
      const stateMachine = props.stateMachines.get(entry.workflow);
      if (!stateMachine) {
        Annotations.of(this).addWarningV2(
          `sfw:schedule-waits-for-workflow:${entry.name}`,
          `Schedule '${entry.name}' is not created: it starts workflows/${entry.workflow}.asl.json, which does not exist yet (infra/schedules-manifest.ts)`,
        );
        continue;
      }
      const schedule = new Schedule(this, entry.name, {
        scheduleName: `${props.prefix}-${entry.name}`,
        description: entry.description,
        scheduleGroup: group,
        schedule: ScheduleExpression.expression(entry.expression, timeZone),
        target: new StepFunctionsStartExecution(stateMachine, {
          input: ScheduleTargetInput.fromObject({
            schedule: entry.name,
            scheduledTime: ContextAttribute.scheduledTime,
          }),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 10,
          maxEventAge: Duration.hours(12),
        }),
      });
      this.schedules.set(entry.name, schedule);
    }
  }
}
