/**
 * The floor: the least a keyed store with secondary indices can do. A `Map<key, object>` plus,
 * per index, a `Map<value, Set<key>>`; `byIndex` looks every key up again in the object map.
 * No validation, no atomicity, no error wrapping.
 */
export class FloorIndexer<T> {
  readonly #items = new Map<string, T>();
  readonly #indices: {
    readonly func: (object: T) => string[];
    readonly buckets: Map<string, Set<string>>;
  }[];
  readonly #byName = new Map<string, Map<string, Set<string>>>();
  readonly #keyFunc: (object: T) => string;

  constructor(keyFunc: (object: T) => string, indexers: Record<string, (object: T) => string[]>) {
    this.#keyFunc = keyFunc;
    this.#indices = Object.entries(indexers).map(([name, func]) => {
      const buckets = new Map<string, Set<string>>();
      this.#byName.set(name, buckets);
      return { func, buckets };
    });
  }

  add(object: T): void {
    const key = this.#keyFunc(object);
    const old = this.#items.get(key);
    this.#items.set(key, object);
    for (const { func, buckets } of this.#indices) {
      if (old !== undefined) {
        for (const value of func(old)) removeFromBucket(buckets, value, key);
      }
      for (const value of func(object)) {
        let bucket = buckets.get(value);
        if (bucket === undefined) {
          bucket = new Set();
          buckets.set(value, bucket);
        }
        bucket.add(key);
      }
    }
  }

  update(object: T): void {
    this.add(object);
  }

  delete(object: T): void {
    const key = this.#keyFunc(object);
    const old = this.#items.get(key);
    if (old === undefined) return;
    this.#items.delete(key);
    for (const { func, buckets } of this.#indices) {
      for (const value of func(old)) removeFromBucket(buckets, value, key);
    }
  }

  getByKey(key: string): T | undefined {
    return this.#items.get(key);
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    const bucket = this.#byName.get(indexName)?.get(indexedValue);
    const result: T[] = [];
    if (bucket === undefined) return result;
    for (const key of bucket) {
      const object = this.#items.get(key);
      if (object !== undefined) result.push(object);
    }
    return result;
  }

  list(): T[] {
    return Array.from(this.#items.values());
  }

  get size(): number {
    return this.#items.size;
  }
}

function removeFromBucket(buckets: Map<string, Set<string>>, value: string, key: string): void {
  const bucket = buckets.get(value);
  if (bucket === undefined) return;
  bucket.delete(key);
  // Drop empty buckets, as the real store must, so memory does not grow with churn.
  if (bucket.size === 0) buckets.delete(value);
}
