import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag';

/**
 * The dead-letter queue of an EventBridge rule's or schedule's targets (`<prefix>-<name>-dead-letters`,
 * construct id `DeadLetters`): encrypted, TLS only, kept 14 days; alarmed on its depth by monitoring.
 */
export function deadLetterQueue(scope: Construct, queueName: string, targets: string): Queue {
  const queue = new Queue(scope, 'DeadLetters', {
    queueName,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  acknowledge(queue, {
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${targets}; a DLQ of a DLQ adds nothing (its depth is alarmed).`,
  });
  return queue;
}
