import {
  InvalidArgumentError,
  ThreadSafeStore,
  type Indexers,
  type ThreadSafeStoreOptions,
} from '@kube-cache/store-core';
import { DeletedFinalStateUnknown } from './deleted-final-state-unknown';
import type { Indexer } from './indexer';
import type { KeyFunc } from '../key-funcs/key-func';
import { KeyError } from '../errors';

/**
 * Options of a {@link Cache}.
 *
 * @since 0.1.0
 */
export type CacheOptions = ThreadSafeStoreOptions;

/**
 * client-go's `cache`: a {@link ThreadSafeStore} keyed by a key func, implementing
 * {@link Indexer} (and so {@link Store}).
 *
 * Every method is atomic: a key func or index func that throws leaves the cache exactly as it was,
 * and results are new arrays that never alias the cache's state.
 *
 * @example
 * ```ts
 * const pods = new Cache<Pod>(metaNamespaceKeyFunc, {
 *   [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
 *   node: indexByField('spec.nodeName'),
 * });
 * pods.add(pod);
 * pods.getByKey('default/web-1');
 * pods.byIndex('node', 'node-a');
 * ```
 * @since 0.1.0
 */
export class Cache<T> implements Indexer<T> {
  readonly #store: ThreadSafeStore<T>;
  readonly #keyFunc: KeyFunc<T>;

  /**
   * @param keyFunc - computes each object's key, for example {@link metaNamespaceKeyFunc}.
   * @param indexers - the index funcs by index name.
   * @param options - `detectMutations`: deep-freeze stored objects (see `ThreadSafeStoreOptions`).
   * @throws InvalidArgumentError when `keyFunc` or an indexer is not a function.
   */
  constructor(keyFunc: KeyFunc<T>, indexers?: Indexers<T>, options?: CacheOptions) {
    if (typeof keyFunc !== 'function') {
      throw new InvalidArgumentError('keyFunc', `expected a function, got ${typeof keyFunc}`);
    }
    this.#keyFunc = keyFunc;
    this.#store = new ThreadSafeStore<T>(indexers, options);
  }

  /**
   * Stores `object` under its key; an existing object with that key is replaced and re-indexed.
   *
   * @param object - the object.
   * @throws KeyError when the key func fails; `IndexFuncError` when an index func fails. Nothing
   *   changes in either case.
   */
  add(object: T): void {
    this.#store.add(this.#key(object), object);
  }

  /**
   * Same as {@link Cache.add}.
   *
   * @param object - the object.
   * @throws KeyError when the key func fails; `IndexFuncError` when an index func fails.
   */
  update(object: T): void {
    this.#store.update(this.#key(object), object);
  }

  /**
   * Removes the object with `object`'s key. A {@link DeletedFinalStateUnknown} tombstone is deleted
   * by its `key`. A missing key is a no-op.
   *
   * @param object - the object or a tombstone.
   * @throws KeyError when the key func fails; `IndexFuncError` when an index func fails.
   */
  delete(object: T | DeletedFinalStateUnknown<T>): void {
    const key = DeletedFinalStateUnknown.isInstance(object) ? object.key : this.#key(object);
    this.#store.delete(key);
  }

  /**
   * @returns every stored object, in a new array.
   */
  list(): T[] {
    return this.#store.list();
  }

  /**
   * @returns every key, in a new array.
   */
  listKeys(): string[] {
    return this.#store.listKeys();
  }

  /**
   * @param object - an object with the key to look up (only its key matters).
   * @returns the stored object with `object`'s key, or `undefined`.
   * @throws KeyError when the key func fails.
   */
  get(object: T): T | undefined {
    return this.#store.get(this.#key(object));
  }

  /**
   * @param key - the key.
   * @returns the stored object, or `undefined`.
   */
  getByKey(key: string): T | undefined {
    return this.#store.get(key);
  }

  /**
   * Replaces the whole content atomically. Every key is computed first: when any object has no
   * key, nothing changes.
   *
   * @param list - the new content.
   * @param resourceVersion - the list's resourceVersion (kept for client-go's signature).
   * @throws KeyError naming the first object without a key; `IndexFuncError` when an index func
   *   fails. Nothing changes in either case.
   */
  replace(list: readonly T[], resourceVersion: string): void {
    const entries: (readonly [string, T])[] = [];
    for (const object of list) entries.push([this.#key(object), object]);
    this.#store.replace(entries, resourceVersion);
  }

  /** Does nothing (client-go's `cache.Resync` returns nil). */
  resync(): void {
    this.#store.resync();
  }

  /**
   * @param indexName - the index.
   * @param object - the object whose index values are looked up.
   * @returns the objects sharing at least one index value with `object`.
   * @throws IndexNotFoundError for an unknown index; `IndexFuncError` when the index func fails.
   */
  index(indexName: string, object: T): T[] {
    return this.#store.index(indexName, object);
  }

  /**
   * @param indexName - the index.
   * @param indexedValue - the value.
   * @returns the keys filed under the value, sorted.
   * @throws IndexNotFoundError for an unknown index.
   */
  indexKeys(indexName: string, indexedValue: string): string[] {
    return this.#store.indexKeys(indexName, indexedValue);
  }

  /**
   * @param indexName - the index.
   * @returns the values that currently have objects; `[]` for an unknown index.
   */
  listIndexFuncValues(indexName: string): string[] {
    return this.#store.listIndexFuncValues(indexName);
  }

  /**
   * @param indexName - the index.
   * @param indexedValue - the value.
   * @returns the objects filed under the value, in a new array.
   * @throws IndexNotFoundError for an unknown index.
   */
  byIndex(indexName: string, indexedValue: string): T[] {
    return this.#store.byIndex(indexName, indexedValue);
  }

  /**
   * @returns a frozen copy of the index funcs by name.
   */
  getIndexers(): Readonly<Indexers<T>> {
    return this.#store.getIndexers();
  }

  /**
   * Adds indices; stored objects are back-filled.
   *
   * @param newIndexers - the new index funcs by name.
   * @throws IndexerConflictError when a name exists; `IndexFuncError` when a new index func fails
   *   on a stored object. Nothing is added in either case.
   */
  addIndexers(newIndexers: Indexers<T>): void {
    this.#store.addIndexers(newIndexers);
  }

  #key(object: T): string {
    let key: unknown;
    try {
      key = this.#keyFunc(object);
    } catch (error) {
      throw KeyError.isInstance(error) ? error : new KeyError(object, { cause: error });
    }
    if (typeof key !== 'string') {
      throw new KeyError(object, {
        cause: new TypeError(`the key func returned ${typeof key}, not a string`),
      });
    }
    return key;
  }
}
