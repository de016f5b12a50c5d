import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  prefix: string;
  key: IKey;
  alarmEmail: string;
  functions: ReadonlyMap<string, IFunction>;
  stateMachines: ReadonlyMap<string, StateMachine>;
  api?: RestApi;
  /** Dead-letter queues by a readable name. */
  deadLetterQueues: ReadonlyMap<string, IQueue>;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms to one topic (email subscription when `alarmEmail` is set) and one dashboard. One alarm per
 * resource adds its failure metrics together (e.g. failed + timed out + aborted executions) to stay
 * well inside CloudFormation's resource limit as handlers and workflows are added; the dashboard
 * shows each metric apart.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', {
      topicName: `${props.prefix}-alarms`,
      displayName: 'Supporting Families Workflow alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default (the account may
    // publish): without this statement CloudWatch cannot deliver a single alarm. Only alarms of this
    // account may publish; the key's policy lets CloudWatch encrypt for the topic (PlatformKey).
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${props.prefix}-operations` });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Supporting Families Workflow (${props.prefix})\nAlarms go to the ${props.prefix}-alarms topic.`,
        width: 24,
        height: 2,
      }),
    );

    this.watchStateMachines(props);
    this.watchFunctions(props);
    if (props.api) this.watchApi(props.api);
    this.watchQueues(props);
    this.watchEmail();
  }

  private alarm(id: string, description: string, metric: IMetric, threshold: number, periods = 1): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: periods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  private watchStateMachines(props: MonitoringProps): void {
    const widgets: GraphWidget[] = [];
    for (const [name, sm] of props.stateMachines) {
      const failed = sm.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' });
      const timedOut = sm.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' });
      const aborted = sm.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum' });
      this.alarm(
        `${name}ExecutionsFailed`,
        `Executions of ${name} failed, timed out or were aborted`,
        new MathExpression({
          expression: 'failed + timedOut + aborted',
          usingMetrics: { failed, timedOut, aborted },
          label: `${name} failed/timed out/aborted`,
          period: FIVE_MINUTES,
        }),
        1,
      );
      widgets.push(
        new GraphWidget({
          title: `Workflow ${name}`,
          left: [
            sm.metricStarted({ period: FIVE_MINUTES }),
            sm.metricSucceeded({ period: FIVE_MINUTES }),
            failed,
            timedOut,
            aborted,
          ],
          width: 8,
        }),
      );
    }
    if (widgets.length) this.dashboard.addWidgets(...widgets);
  }

  private watchFunctions(props: MonitoringProps): void {
    const widgets: GraphWidget[] = [];
    for (const [name, fn] of props.functions) {
      const errors = fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
      const throttles = fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
      this.alarm(
        `${name}ErrorsOrThrottles`,
        `Handler ${name} raised errors or was throttled`,
        new MathExpression({
          expression: 'errors + throttles',
          usingMetrics: { errors, throttles },
          label: `${name} errors + throttles`,
          period: FIVE_MINUTES,
        }),
        1,
      );
      widgets.push(
        new GraphWidget({
          title: `Handler ${name}`,
          left: [fn.metricInvocations({ period: FIVE_MINUTES }), errors, throttles],
          right: [fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' })],
          width: 8,
        }),
      );
    }
    if (widgets.length) this.dashboard.addWidgets(...widgets);
  }

  private watchApi(api: RestApi): void {
    const serverErrors = api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const latency = api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    this.alarm('Api5xx', 'The API answered 5xx', serverErrors, 5);
    this.alarm('ApiLatencyP99', 'API latency p99 above 3 s for 15 minutes', latency, 3000, 3);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [
          api.metricCount({ period: FIVE_MINUTES }),
          api.metricClientError({ period: FIVE_MINUTES }),
          serverErrors,
        ],
        width: 12,
      }),
      new GraphWidget({ title: 'API latency p99 (ms)', left: [latency], width: 12 }),
    );
  }

  private watchQueues(props: MonitoringProps): void {
    const depths: IMetric[] = [];
    for (const [name, queue] of props.deadLetterQueues) {
      const depth = queue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      });
      this.alarm(`${name}DeadLetters`, `Messages waiting on the ${name} dead-letter queue`, depth, 1);
      depths.push(depth);
    }
    this.dashboard.addWidgets(new GraphWidget({ title: 'Dead-letter queues', left: depths, width: 12 }));
  }

  private watchEmail(): void {
    // Account-level SES metrics (the account is the service's own): SES reviews an account at a 5% bounce rate and 0.1% complaint rate; alarm before that.
    const bounceRate = new Metric({
      namespace: 'AWS/SES',
      metricName: 'Reputation.BounceRate',
      period: Duration.hours(1),
      statistic: 'Maximum',
    });
    const complaintRate = new Metric({
      namespace: 'AWS/SES',
      metricName: 'Reputation.ComplaintRate',
      period: Duration.hours(1),
      statistic: 'Maximum',
    });
    this.alarm('EmailBounceRate', 'SES bounce rate at or above 4% (SES reviews at 5%)', bounceRate, 0.04);
    this.alarm(
      'EmailComplaintRate',
      'SES complaint rate at or above 0.08% (SES reviews at 0.1%)',
      complaintRate,
      0.0008,
    );
    // Counted by record-email-event (shared/adapters/email/events.ts), without the address: the administrator
    // finds it with `aws sesv2 list-suppressed-destinations` and corrects the staff member's email.
    this.alarm(
      'EmailRecipientsSuppressed',
      'A staff email address bounced or complained and is now on the SES suppression list: see aws sesv2 list-suppressed-destinations',
      new Metric({
        namespace: 'SupportingFamiliesWorkflow',
        metricName: 'EmailRecipientsSuppressed',
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      1,
    );
    const sends = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        period: Duration.hours(1),
        statistic: 'Sum',
      });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Email',
        left: [sends('Send'), sends('Delivery'), sends('Bounce'), sends('Complaint')],
        width: 12,
      }),
      new GraphWidget({ title: 'Email reputation', left: [bounceRate, complaintRate], width: 12 }),
    );
  }
}
