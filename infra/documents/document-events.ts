import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SCAN_RESULT_DETAIL_TYPE } from '../../shared/core/schemas/documents';
import { deadLetterQueue } from '../security/dead-letter-queue';

export interface DocumentEventsProps {
  /** The documents bucket's name (documentsBucketName). */
  bucketName: string;
  prefix: string;
  /** functions/record-document-event.ts */
  handler: IFunction;
}

/**
 * What moves a case document (functions/record-document-event.ts): S3's "Object Created" on the
 * documents bucket (the bytes arrived: `scanning`) and GuardDuty Malware Protection for S3's scan
 * result for it (`available` or `quarantined`). Retried for a day; what still fails goes to a
 * dead-letter queue of its own (in this stack: the rule's ARN in another stack's queue policy would
 * tie the stacks in a cycle), whose depth is alarmed. A document left `scanning` is never readable,
 * so a lost event fails safe.
 */
export class DocumentEvents extends Construct {
  readonly objectCreated: Rule;
  readonly scanResult: Rule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DocumentEventsProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(
      this,
      `${props.prefix}-document-event-dead-letters`,
      'the document events’ EventBridge targets',
    );
    const target = new LambdaFunction(props.handler, {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 20,
      maxEventAge: Duration.hours(24),
    });
    this.objectCreated = new Rule(this, 'ObjectCreated', {
      description: 'A case document’s bytes arrived in the documents bucket',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.bucketName] }, object: { key: [{ prefix: 'cases/' }] } },
      },
      targets: [target],
    });
    this.scanResult = new Rule(this, 'ScanResult', {
      description: 'GuardDuty Malware Protection scanned a case document',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: [SCAN_RESULT_DETAIL_TYPE],
        detail: { s3ObjectDetails: { bucketName: [props.bucketName] } },
      },
      targets: [target],
    });
  }
}
