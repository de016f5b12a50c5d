import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { isDevStage, namePrefix } from '../config';
import { DataTables } from '../data/tables';
import { DocumentsBucket } from '../documents/documents-bucket';
import type { ServiceStackProps } from './service-stack-props';

/**
 * The personal data: the domain and idempotency tables and their key, and the case documents bucket and
 * its key, kept when the stack goes (but dev).
 */
export class DataStack extends Stack {
  readonly data: DataTables;
  readonly documents: DocumentsBucket;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.data = new DataTables(this, 'Data', {
      prefix: namePrefix(props.config),
      retain: !isDevStage(props.config.stage),
    });
    const { config } = props;
    this.documents = new DocumentsBucket(this, 'Documents', {
      prefix: namePrefix(config),
      retain: !isDevStage(config.stage),
      // The staff pages' origin: the custom domain when given, else API Gateway's (any API in the region).
      corsOrigins: [
        ...(config.pagesBaseUrl ? [new URL(config.pagesBaseUrl).origin] : []),
        ...config.allowedOrigins,
        ...(config.pagesBaseUrl ? [] : [`https://*.execute-api.${config.region}.amazonaws.com`]),
      ],
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.documents.bucket.bucketName });
  }
}
