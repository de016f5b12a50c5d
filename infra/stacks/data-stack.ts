import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { isDevStage, namePrefix } from '../config';
import { DataTables } from '../data/tables';
import type { ServiceStackProps } from './service-stack-props';

/** The personal data: the domain and idempotency tables and their key, kept when the stack goes (but dev). */
export class DataStack extends Stack {
  readonly data: DataTables;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.data = new DataTables(this, 'Data', {
      prefix: namePrefix(props.config),
      retain: !isDevStage(props.config.stage),
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
  }
}
