import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { namePrefix } from '../config';
import { Monitoring } from '../monitoring/monitoring';
import type { ApiHandlersStack } from './api-handlers-stack';
import type { ApiStack } from './api-stack';
import type { IdentityStack } from './identity-stack';
import type { ServiceStackProps } from './service-stack-props';
import type { WorkflowsStack } from './workflows-stack';

export interface MonitoringStackProps extends ServiceStackProps {
  identity: IdentityStack;
  apiHandlers: ApiHandlersStack;
  api: ApiStack;
  workflows: WorkflowsStack;
}

/** Alarms on everything the other stacks run, to one topic, and the operations dashboard. */
export class MonitoringStack extends Stack {
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      prefix: namePrefix(props.config),
      key: props.identity.platformKey.key,
      alarmEmail: props.config.alarmEmail,
      functions: new Map([...props.apiHandlers.handlers.functions, ...props.workflows.handlers.functions]),
      stateMachines: props.workflows.workflows.stateMachines,
      api: props.api.api?.restApi,
      deadLetterQueues: new Map([
        ['Schedules', props.workflows.schedules.deadLetterQueue],
        ['HandlerFailures', props.identity.handlerFailures],
        ...(props.workflows.documentEvents
          ? [['DocumentEvents', props.workflows.documentEvents.deadLetterQueue] as const]
          : []),
      ]),
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
  }
}
