// Stands in for mnemonist/lru-cache in deployed bundles only (an esbuild alias in handler-bundles.ts).
// Its one user is the SDK's endpoint discovery cache (@aws-sdk/endpoint-cache), which the DynamoDB
// client builds whatever its settings and asks on every request; discovery is off unless
// AWS_ENABLE_ENDPOINT_DISCOVERY or the client turns it on, so the cache stays empty. mnemonist's cache
// and the iterator helpers it requires are 7 KB minified in every bundle with DynamoDB; this is the
// part endpoint-cache calls (construct, get, set, has, peek, clear), with the same answers and the
// same least-recently-used eviction. Its keys are JSON strings, so a Map answers as mnemonist's object
// lookup does. tests/infra/handler-bundles.test.ts compares the two over random operations.

export default class LRUCache<K, V> {
  readonly capacity: number;
  readonly #items = new Map<K, V>();

  constructor(capacity: number) {
    if (typeof capacity !== 'number' || capacity <= 0)
      throw new Error('mnemonist/lru-cache: capacity should be positive number.');
    this.capacity = capacity;
  }

  get size(): number {
    return this.#items.size;
  }

  has(key: K): boolean {
    return this.#items.has(key);
  }

  /** The value without making it the most recently used. */
  peek(key: K): V | undefined {
    return this.#items.get(key);
  }

  /** The value, made the most recently used. */
  get(key: K): V | undefined {
    if (!this.#items.has(key)) return undefined;
    const value = this.#items.get(key) as V;
    this.#items.delete(key);
    this.#items.set(key, value);
    return value;
  }

  /** Stores the value as the most recently used, dropping the least recently used when full. */
  set(key: K, value: V): void {
    if (this.#items.has(key)) this.#items.delete(key);
    else if (this.#items.size >= this.capacity) this.#items.delete(this.#items.keys().next().value as K);
    this.#items.set(key, value);
  }

  clear(): void {
    this.#items.clear();
  }
}
