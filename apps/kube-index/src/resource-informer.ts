import type { KubeObject, ListerWatcher } from '@kube-cache/indexer';
import { SharedIndexInformer } from '@kube-cache/informer';
import type { IndexSource } from './index-report';

const INDEX_NAME = 'kube-index';

/**
 * kube-index's cache: a `SharedIndexInformer` for one resource with one index, the
 * `--index-by` expression, and a handler that reports every change.
 *
 * @example
 * ```ts
 * const informer = new ResourceInformer({ listerWatcher, indexValues, objectType, onError: console.error });
 * void informer.run(signal);
 * ```
 */
export class ResourceInformer {
  readonly #informer: SharedIndexInformer<KubeObject>;
  readonly #changeListeners = new Set<() => void>();

  /**
   * @param options - the source, the index function, the expected `apiVersion`/`kind`, and a
   *   handler for list and watch errors (the informer retries them; the handler decides whether
   *   to give up).
   */
  constructor(options: {
    listerWatcher: ListerWatcher<KubeObject>;
    indexValues: (object: unknown) => string[];
    objectType: { apiVersion: string; kind: string };
    onError: (error: unknown) => void;
  }) {
    this.#informer = new SharedIndexInformer<KubeObject>({
      name: options.objectType.kind,
      listerWatcher: options.listerWatcher,
      objectType: options.objectType,
      indexers: { [INDEX_NAME]: options.indexValues },
      onWatchError: options.onError,
    });
    // Handlers run after the indexer has the change, so a listener reads the new index.
    const changed = (): void => {
      for (const listener of this.#changeListeners) listener();
    };
    this.#informer.addEventHandler(
      { onAdd: changed, onUpdate: changed, onDelete: changed },
      { name: 'kube-index' },
    );
  }

  /**
   * Calls `listener` after every change to the cache.
   *
   * @param listener - the callback.
   */
  onChange(listener: () => void): void {
    this.#changeListeners.add(listener);
  }

  /**
   * Lists and watches until `signal` aborts.
   *
   * @param signal - stops it.
   * @returns when stopped.
   */
  run(signal: AbortSignal): Promise<void> {
    return this.#informer.run(signal);
  }

  /** @returns whether the initial list is in the cache. */
  hasSynced(): boolean {
    return this.#informer.hasSynced();
  }

  /** @returns the resourceVersion the cache reflects. */
  lastSyncResourceVersion(): string {
    return this.#informer.lastSyncResourceVersion();
  }

  /**
   * @returns the cached objects with their keys, for the `--index-by` checks.
   */
  objects(): { key: string; object: KubeObject }[] {
    const indexer = this.#informer.getIndexer();
    return indexer.listKeys().flatMap((key) => {
      const object = indexer.getByKey(key);
      return object === undefined ? [] : [{ key, object }];
    });
  }

  /** @returns the index, for `buildIndexReport`. */
  indexSource(): IndexSource {
    const indexer = this.#informer.getIndexer();
    return {
      values: indexer.listIndexFuncValues(INDEX_NAME),
      keysFor: (value) => indexer.indexKeys(INDEX_NAME, value),
      allKeys: indexer.listKeys(),
    };
  }
}
