import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  GLOBAL_INDEXES,
  IDEMPOTENCY_KEY,
  KEY,
  TIME_TO_LIVE_ATTRIBUTE,
} from '../../shared/adapters/data/table-definition';

export interface DataTablesProps {
  prefix: string;
  /**
   * Keep the tables and their key when the stack is deleted, with deletion protection (every stage
   * but a developer's own, whose data is made up and goes with it).
   */
  retain: boolean;
}

/**
 * The domain table (built from shared/adapters/data/table-definition.ts, like the local stack's) and the
 * Powertools idempotency store, both encrypted with one customer-managed key.
 */
export class DataTables extends Construct {
  readonly key: Key;
  readonly table: TableV2;
  readonly idempotencyTable: TableV2;
  readonly indexNames: string[];

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'Key', {
      alias: `alias/${props.prefix}-data`,
      description: 'Supporting Families Workflow: personal data at rest (domain and idempotency tables)',
      enableKeyRotation: true,
      // Losing the key loses the data: it outlives the stack, like the table.
      removalPolicy,
    });

    // TTL only removes short-lived markers that carry the TTL attribute (idempotency guards); case
    // records never carry it: personal data is deleted by the retention workflow, which records it.
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: KEY.partition, type: AttributeType.STRING },
      sortKey: { name: KEY.sort, type: AttributeType.STRING },
      globalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: TIME_TO_LIVE_ATTRIBUTE,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retain,
      removalPolicy,
    });
    this.indexNames = GLOBAL_INDEXES.map((index) => index.name);

    // Idempotency records hold handler responses (possibly personal data) for a short time: same key;
    // expired records go by TTL.
    this.idempotencyTable = new TableV2(this, 'IdempotencyTable', {
      partitionKey: { name: IDEMPOTENCY_KEY.partition, type: AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_KEY.ttl,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retain,
      removalPolicy,
    });
  }
}
