import type { StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { DeploymentConfig } from '../config';

export interface ServiceStackProps extends StackProps {
  config: DeploymentConfig;
}

/** Every log group keeps its lines this long (a CloudWatch Logs value, checked in config.ts). */
export function logRetentionOf(config: DeploymentConfig): RetentionDays {
  return config.logRetentionDays as RetentionDays;
}
