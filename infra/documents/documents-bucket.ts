import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { Effect, PolicyStatement, Role, ServicePrincipal, AnyPrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../security/nag';

export interface DocumentsBucketProps {
  prefix: string;
  /** Keep the bucket, its key and its logs when the stack goes (every stage but a developer's own). */
  retain: boolean;
  /** Origins the staff pages are served from (the browser PUTs and GETs the bucket across origins). */
  corsOrigins: string[];
}

/**
 * The bucket's name, fixed from the stage's prefix, the account and the region, so the handlers'
 * stacks name it (and its objects' ARN) without importing anything from the data stack.
 */
export function documentsBucketName(prefix: string, region: string): string {
  return `${prefix}-documents-${Aws.ACCOUNT_ID}-${region}`;
}

/** The objects handlers may touch, `cases/*`, as an ARN, and as cdk-nag names it in a finding. */
export function documentObjectsArn(prefix: string, region: string): string {
  return `arn:${Aws.PARTITION}:s3:::${documentsBucketName(prefix, region)}/cases/*`;
}
export function nagDocumentObjectsArn(prefix: string, region: string): string {
  return `arn:<AWS::Partition>:s3:::${prefix}-documents-<AWS::AccountId>-${region}/cases/*`;
}

/** The tag GuardDuty Malware Protection for S3 writes on each object it scans. */
export const SCAN_STATUS_TAG = 'GuardDutyMalwareScanStatus';

/**
 * Case documents (issue #18): the files of families' cases, under `cases/<caseId>/<documentId>`.
 * Encrypted with their own customer-managed key (rotated yearly), no public access, TLS only, object
 * ownership enforced (no ACLs), server access logs to a bucket of their own, incomplete uploads
 * removed after a day. GuardDuty Malware Protection for S3 scans each new object and tags it; the
 * bucket policy refuses reading an object whose tag is not `NO_THREATS_FOUND` to anyone but the
 * scanner, beside the application's own rule (a document is `available` only after a clean scan).
 */
export class DocumentsBucket extends Construct {
  readonly key: Key;
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly scanRole: Role;
  readonly malwareProtection: CfnMalwareProtectionPlan;

  constructor(scope: Construct, id: string, props: DocumentsBucketProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'Key', {
      alias: `alias/${props.prefix}-documents`,
      description: 'Supporting Families Workflow: case documents at rest (the documents bucket)',
      enableKeyRotation: true,
      removalPolicy,
    });

    // Access logs of the documents bucket: who read or wrote which object key (ids, no names).
    // S3 log delivery supports SSE-S3 only, not a customer-managed key.
    this.logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy,
      autoDeleteObjects: false,
    });
    acknowledge(this.logs, {
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the documents bucket’s server access logs; logging it to itself would loop and to another bucket would only move the finding.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: documentsBucketName(props.prefix, Stack.of(this).region),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      cors: [
        {
          allowedOrigins: props.corsOrigins,
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type'],
          maxAge: 300,
        },
      ],
      removalPolicy,
    });

    // Object Created events to EventBridge, set on the bucket itself (CDK's `eventBridgeEnabled` would
    // add a custom resource and its Lambda to do the same).
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    // GuardDuty's role for this bucket (as AWS documents it for Malware Protection for S3).
    this.scanRole = new Role(this, 'MalwareScanRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for S3: scans and tags the case documents',
    });
    const ruleArn = `arn:${Aws.PARTITION}:events:${Stack.of(this).region}:${Aws.ACCOUNT_ID}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
    this.scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [ruleArn],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    this.scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [ruleArn],
      }),
    );
    this.scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.scanRole.addToPolicy(
      new PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects('cases/*')],
      }),
    );
    this.scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    this.scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    const bucketToken = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    acknowledge(
      this.scanRole,
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:${Stack.of(this).region}:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]`,
        reason:
          'GuardDuty Malware Protection for S3 creates and manages its own EventBridge rules, whose names it chooses under this fixed prefix (https://docs.aws.amazon.com/guardduty/latest/ug/malware-protection-s3-iam-policy-prerequisite.html).',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketToken}.Arn>/cases/*]`,
        reason:
          'GuardDuty scans and tags every new document, each an object under cases/<caseId>/<documentId>: it needs the objects under that prefix, none elsewhere.',
      },
    );

    // Nobody but the scanner reads an object GuardDuty has not found clean (defence in depth: the
    // application gives no link to such a document either).
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: { [`s3:ExistingObjectTag/${SCAN_STATUS_TAG}`]: 'NO_THREATS_FOUND' },
          ArnNotEquals: { 'aws:PrincipalArn': this.scanRole.roleArn },
        },
      }),
    );
    this.malwareProtection = new CfnMalwareProtectionPlan(this, 'MalwareProtection', {
      role: this.scanRole.roleArn,
      protectedResource: { s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: ['cases/'] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    this.malwareProtection.node.addDependency(this.scanRole);
  }
}
