import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledge } from '../security/nag';
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
  /** The family-match index's HMAC key (MATCH_KEY), generated once per stage. */
  readonly matchKey: Secret;

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
        ...(index.include
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : { projectionType: ProjectionType.ALL }),
      })),
      timeToLiveAttribute: TIME_TO_LIVE_ATTRIBUTE,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retain,
      removalPolicy,
    });
    this.indexNames = GLOBAL_INDEXES.map((index) => index.name);

    // The match index stores keyed hashes of names, dates of birth and addresses (shared/core/matching.ts):
    // without this key nobody can test a guess against them. Every key depends on it, so it lives and
    // goes with the table and is never rotated by a schedule.
    this.matchKey = new Secret(this, 'MatchKey', {
      secretName: `${props.prefix}-match-key`,
      description:
        'Supporting Families Workflow: the family-match index key (HMAC); rotating it means re-indexing',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(this.matchKey, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The match key keys every entry of the family-match index: a new key must be followed by re-indexing every record held, so it is rotated by hand with that migration, never on a schedule (docs/decisions.md).',
    });

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
