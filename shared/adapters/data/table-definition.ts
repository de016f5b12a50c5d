// The domain table's physical shape, in one place: the CDK app, the local stack and the tests all
// build the table from this, so the three can never disagree. Access patterns: docs/data-model.md.

export const KEY = { partition: 'pk', sort: 'sk' } as const;

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** Projects only the keys and these attributes (INCLUDE); every attribute (ALL) unless told. */
  include?: readonly string[];
}

// Overloaded GSIs: each item type writes only the index attributes its access patterns need.
export const GLOBAL_INDEXES: readonly IndexDefinition[] = [
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  // Ended cases by the day their retention ends (sparse: only an ended case writes it), so the daily
  // retention sweep finds what is due in one query; it needs only the id and reference.
  { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', include: ['id', 'reference'] },
];

// Powertools idempotency's default attribute names (its DynamoDBPersistenceLayer expects these).
export const IDEMPOTENCY_KEY = { partition: 'id', ttl: 'expiration' } as const;

// Items that may expire carry this attribute (epoch seconds) and the table's TTL deletes them:
// idempotency guards and other short-lived markers. Case records are deleted by the retention job,
// not by TTL, so their audit trail goes with them deliberately.
export const TIME_TO_LIVE_ATTRIBUTE = 'expiresAt';
