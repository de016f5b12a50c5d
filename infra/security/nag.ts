import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Runs the AWS Solutions rule pack on every synth; an unacknowledged error fails the synth. */
export function applyNagChecks(app: App): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(checks);
  return checks;
}

export interface Acknowledgement {
  /** Rule id, with the finding for granular rules: `AwsSolutions-IAM5[Resource::*]` */
  id: string;
  /** Why this finding is acceptable here, specific to this resource. */
  reason: string;
}

/** Acknowledges findings on one construct (and its children), each with its own reason. */
export function acknowledge(scope: IConstruct, ...acknowledgements: Acknowledgement[]): void {
  for (const { id, reason } of acknowledgements) {
    if (reason.trim().length < 40) throw new Error(`Acknowledgement of ${id} needs a specific reason`);
    Validations.of(scope).acknowledge({ id, reason });
  }
}

// Reasons shared by several resources, written once so they stay specific and consistent.
export const REASONS = {
  xrayWildcard:
    'X-Ray PutTraceSegments/PutTelemetryRecords (and sampling reads) support no resource-level permissions, so AWS requires Resource "*" (https://docs.aws.amazon.com/xray/latest/devguide/security_iam_service-with-iam.html).',
  logDeliveryWildcard:
    'Step Functions log delivery (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) supports no resource-level permissions; AWS documents Resource "*" for them (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).',
  suppressionListWildcard:
    "ses:PutSuppressedDestination acts on the account's suppression list, which has no ARN: SES supports no resource-level permission for it (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html).",
} as const;

/** How cdk-nag names the executions of one state machine in an IAM5 finding (pseudo parameters in <>). */
export function nagExecutionsArn(region: string, stateMachineName: string): string {
  return `arn:<AWS::Partition>:states:${region}:<AWS::AccountId>:execution:${stateMachineName}:*`;
}
