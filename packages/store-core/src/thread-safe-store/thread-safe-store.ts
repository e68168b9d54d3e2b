import { deepFreeze } from './deep-freeze';
import { indexEntries } from './index-entries';
import type { IndexFunc, Indexers } from './index-func';
import {
  IndexNotFoundError,
  IndexerConflictError,
  InvalidArgumentError,
  ReentrantMutationError,
} from '../errors';
import {
  addToIndex,
  computeIndexValues,
  NO_VALUES,
  removeFromIndex,
  type StoreIndex,
  updateIndex,
} from './store-index';

/**
 * Options of a {@link ThreadSafeStore}.
 *
 * @since 0.1.0
 */
export interface ThreadSafeStoreOptions {
  /**
   * Deep-freeze every stored object (client-go has a cache mutation detector for the same
   * purpose), so that code which mutates a cached object gets a `TypeError` at once (in strict
   * mode code, which every ES module is). Costs a walk over each object on every write; meant for
   * tests and development. Default `false`.
   */
  detectMutations?: boolean | undefined;
}

/**
 * A key to object map with named secondary indices: client-go's `ThreadSafeStore`.
 *
 * JavaScript runs one operation at a time, so "thread-safe" means here:
 * - every method is atomic: it fully happens or, when it throws, changes nothing at all;
 * - results (`list()`, `listKeys()`, `byIndex()`, …) are new arrays that never alias the store's
 *   internal state, so they are never invalidated by a later mutation.
 *
 * Stored objects are kept by reference and must be treated as read-only: changing one does not
 * re-index it (see {@link ThreadSafeStoreOptions.detectMutations}). `undefined` cannot be stored.
 *
 * @example
 * ```ts
 * const store = new ThreadSafeStore<{ node: string }>({ node: (pod) => [pod.node] });
 * store.add('default/web-1', { node: 'node-a' });
 * store.add('default/web-2', { node: 'node-a' });
 * store.indexKeys('node', 'node-a'); // ['default/web-1', 'default/web-2']
 * ```
 * @since 0.1.0
 */
export class ThreadSafeStore<T> {
  #items = new Map<string, T>();
  #indices: StoreIndex<T>[];
  #indexByName: Map<string, StoreIndex<T>>;
  #indexersView: Readonly<Indexers<T>> | undefined = undefined;
  // True while user code (an index func, a replace iterable) runs; mutations are refused then.
  #runningUserCode = false;
  readonly #detectMutations: boolean;
  // Scratch space for the index values of one write, reused so the hot path does not allocate.
  readonly #oldValues: (readonly string[])[] = [];
  readonly #newValues: (readonly string[])[] = [];

  /**
   * @param indexers - the index funcs, by index name; more can be added later with
   *   {@link ThreadSafeStore.addIndexers}.
   * @param options - see {@link ThreadSafeStoreOptions}.
   * @throws InvalidArgumentError when an indexer is not a function.
   */
  constructor(indexers?: Indexers<T>, options: ThreadSafeStoreOptions = {}) {
    this.#indices = indexEntries(indexers, 'indexers').map(([name, func]) => newIndex(name, func));
    this.#indexByName = new Map(this.#indices.map((index) => [index.name, index]));
    this.#detectMutations = options.detectMutations === true;
  }

  /**
   * Stores `object` under `key`. An existing key is overwritten and re-indexed.
   *
   * @param key - the store key; any string.
   * @param object - the object; not `undefined`.
   * @throws IndexFuncError when an index func fails; nothing changes.
   * @throws ReentrantMutationError when called from an index func of this store.
   * @throws InvalidArgumentError for a non-string key or an `undefined` object.
   */
  add(key: string, object: T): void {
    this.#write('add', key, object);
  }

  /**
   * Same as {@link ThreadSafeStore.add}: a missing key is inserted.
   *
   * @param key - the store key.
   * @param object - the new object.
   * @throws IndexFuncError when an index func fails; nothing changes.
   * @throws ReentrantMutationError when called from an index func of this store.
   * @throws InvalidArgumentError for a non-string key or an `undefined` object.
   */
  update(key: string, object: T): void {
    this.#write('update', key, object);
  }

  /**
   * Removes `key` and its index entries. A missing key is a no-op.
   *
   * @param key - the store key.
   * @throws IndexFuncError when an index func fails on the stored object; nothing changes.
   * @throws ReentrantMutationError when called from an index func of this store.
   */
  delete(key: string): void {
    if (this.#runningUserCode) throw new ReentrantMutationError('delete');
    const old = this.#items.get(key);
    if (old === undefined) return;
    const indices = this.#indices;
    const count = indices.length;
    const oldValues = this.#oldValues;
    if (count > 0) {
      this.#runningUserCode = true;
      try {
        for (let position = 0; position < count; position++) {
          oldValues[position] = computeIndexValues(indices[position] as StoreIndex<T>, old, key);
        }
      } finally {
        this.#runningUserCode = false;
      }
    }
    this.#items.delete(key);
    for (let position = 0; position < count; position++) {
      const values = oldValues[position] as readonly string[];
      const index = indices[position] as StoreIndex<T>;
      for (let valuePosition = 0; valuePosition < values.length; valuePosition++) {
        removeFromIndex(index, values[valuePosition] as string, key);
      }
      oldValues[position] = NO_VALUES;
    }
  }

  /**
   * @param key - the store key.
   * @returns the stored object, or `undefined`.
   */
  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  /**
   * @param key - the store key.
   * @returns whether an object is stored under `key`.
   */
  has(key: string): boolean {
    return this.#items.has(key);
  }

  /** The number of stored objects. */
  get size(): number {
    return this.#items.size;
  }

  /**
   * @returns every stored object, in a new array (in insertion order, which is not part of the
   *   contract).
   */
  list(): T[] {
    return Array.from(this.#items.values());
  }

  /**
   * @returns every key, in a new array.
   */
  listKeys(): string[] {
    return Array.from(this.#items.keys());
  }

  /**
   * Replaces the whole content atomically and rebuilds every index. A key listed twice keeps its
   * last object. The store keeps no reference to `items`.
   *
   * @param items - the new content as `[key, object]` pairs, for example a `Map`.
   * @param _resourceVersion - accepted for client-go's `Replace` signature; not used.
   * @throws IndexFuncError when an index func fails on any object; nothing changes.
   * @throws ReentrantMutationError when called from an index func of this store, or when the
   *   iterable itself mutates the store.
   * @throws InvalidArgumentError for a non-string key or an `undefined` object.
   */
  replace(items: Iterable<readonly [string, T]>, _resourceVersion?: string): void {
    if (this.#runningUserCode) throw new ReentrantMutationError('replace');
    const newItems = new Map<string, T>();
    const newIndices = this.#indices.map((index) => newIndex(index.name, index.func));
    this.#runningUserCode = true;
    try {
      for (const [key, object] of items) {
        checkEntry(key, object);
        newItems.set(key, object);
      }
      backfill(newItems, newIndices);
    } finally {
      this.#runningUserCode = false;
    }
    if (this.#detectMutations) for (const object of newItems.values()) deepFreeze(object);
    this.#items = newItems;
    this.#indices = newIndices;
    this.#indexByName = new Map(newIndices.map((index) => [index.name, index]));
  }

  /**
   * The objects that share at least one index value with `object` (the union over `object`'s
   * values, each object once).
   *
   * @param indexName - the index.
   * @param object - the object whose values are looked up; it need not be stored.
   * @returns a new array.
   * @throws IndexNotFoundError for an unknown index name.
   * @throws IndexFuncError when the index func fails on `object`.
   */
  index(indexName: string, object: T): T[] {
    const index = this.#requireIndex(indexName);
    const wasRunningUserCode = this.#runningUserCode;
    let values: readonly string[];
    this.#runningUserCode = true;
    try {
      values = computeIndexValues(index, object, undefined);
    } finally {
      this.#runningUserCode = wasRunningUserCode;
    }
    if (values.length === 1) return this.byIndex(indexName, values[0] as string);
    const union = new Map<string, T>();
    for (const value of values) {
      const bucket = index.buckets.get(value);
      if (bucket !== undefined) for (const [key, item] of bucket) union.set(key, item);
    }
    return Array.from(union.values());
  }

  /**
   * @param indexName - the index.
   * @param indexedValue - the index value.
   * @returns the keys filed under `indexedValue`, sorted (by UTF-16 code unit); `[]` for an
   *   unknown value.
   * @throws IndexNotFoundError for an unknown index name.
   */
  indexKeys(indexName: string, indexedValue: string): string[] {
    const bucket = this.#requireIndex(indexName).buckets.get(indexedValue);
    return bucket === undefined ? [] : Array.from(bucket.keys()).sort();
  }

  /**
   * @param indexName - the index.
   * @returns the values that currently have at least one object; `[]` for an unknown index.
   */
  listIndexFuncValues(indexName: string): string[] {
    const index = this.#indexByName.get(indexName);
    return index === undefined ? [] : Array.from(index.buckets.keys());
  }

  /**
   * @param indexName - the index.
   * @param indexedValue - the index value.
   * @returns the objects filed under `indexedValue`, in a new array; `[]` for an unknown value.
   * @throws IndexNotFoundError for an unknown index name.
   */
  byIndex(indexName: string, indexedValue: string): T[] {
    const index = this.#indexByName.get(indexName);
    if (index === undefined) throw new IndexNotFoundError(indexName);
    const bucket = index.buckets.get(indexedValue);
    // The bucket holds the objects, so this is one pass with no lookups in the main map.
    return bucket === undefined ? [] : Array.from(bucket.values());
  }

  /**
   * @returns a frozen copy of the index funcs by name (not the store's own record).
   */
  getIndexers(): Readonly<Indexers<T>> {
    if (this.#indexersView === undefined) {
      // A null prototype: index names such as `constructor` or `__proto__` are plain entries.
      const view = Object.create(null) as Indexers<T>;
      for (const index of this.#indices) view[index.name] = index.func;
      this.#indexersView = Object.freeze(view);
    }
    return this.#indexersView;
  }

  /**
   * Adds indices, also when objects are stored already: the new indices are back-filled.
   *
   * @param newIndexers - the new index funcs by name.
   * @throws IndexerConflictError when a name exists already; nothing is added.
   * @throws IndexFuncError when a new index func fails on a stored object; nothing is added.
   * @throws ReentrantMutationError when called from an index func of this store.
   * @throws InvalidArgumentError when an indexer is not a function.
   */
  addIndexers(newIndexers: Indexers<T>): void {
    if (this.#runningUserCode) throw new ReentrantMutationError('addIndexers');
    const entries = indexEntries(newIndexers, 'newIndexers');
    const conflicts = entries.filter(([name]) => this.#indexByName.has(name)).map(([name]) => name);
    if (conflicts.length > 0) throw new IndexerConflictError(conflicts);
    if (entries.length === 0) return;
    const added = entries.map(([name, func]) => newIndex(name, func));
    this.#runningUserCode = true;
    try {
      backfill(this.#items, added);
    } finally {
      this.#runningUserCode = false;
    }
    this.#indices = [...this.#indices, ...added];
    for (const index of added) this.#indexByName.set(index.name, index);
    this.#indexersView = undefined;
  }

  /** Does nothing; kept for client-go's `Store` contract (a queue uses it to re-deliver). */
  resync(): void {}

  #requireIndex(indexName: string): StoreIndex<T> {
    const index = this.#indexByName.get(indexName);
    if (index === undefined) throw new IndexNotFoundError(indexName);
    return index;
  }

  // add and update: compute every index value first (user code, may throw), then commit (cannot).
  #write(method: string, key: string, object: T): void {
    if (this.#runningUserCode) throw new ReentrantMutationError(method);
    checkEntry(key, object);
    const old = this.#items.get(key);
    const indices = this.#indices;
    const count = indices.length;
    const oldValues = this.#oldValues;
    const newValues = this.#newValues;
    if (count > 0) {
      this.#runningUserCode = true;
      try {
        for (let position = 0; position < count; position++) {
          const index = indices[position] as StoreIndex<T>;
          newValues[position] = computeIndexValues(index, object, key);
          oldValues[position] = old === undefined ? NO_VALUES : computeIndexValues(index, old, key);
        }
      } finally {
        this.#runningUserCode = false;
      }
    }
    if (this.#detectMutations) deepFreeze(object);
    this.#items.set(key, object);
    for (let position = 0; position < count; position++) {
      const index = indices[position] as StoreIndex<T>;
      updateIndex(
        index,
        key,
        object,
        oldValues[position] as readonly string[],
        newValues[position] as readonly string[],
      );
      oldValues[position] = NO_VALUES;
      newValues[position] = NO_VALUES;
    }
  }
}

function newIndex<T>(name: string, func: IndexFunc<T>): StoreIndex<T> {
  return { name, func, buckets: new Map<string, Map<string, T>>() };
}

function checkEntry(key: unknown, object: unknown): void {
  if (typeof key !== 'string')
    throw new InvalidArgumentError('key', `expected a string, got ${typeof key}`);
  if (object === undefined) throw new InvalidArgumentError('object', 'undefined cannot be stored');
}

// Files every item in every given index. Builds only into `indices`, so a throw discards them.
function backfill<T>(items: ReadonlyMap<string, T>, indices: readonly StoreIndex<T>[]): void {
  for (const [key, object] of items) {
    for (const index of indices) {
      const values = computeIndexValues(index, object, key);
      for (const value of values) addToIndex(index, value, key, object);
    }
  }
}
