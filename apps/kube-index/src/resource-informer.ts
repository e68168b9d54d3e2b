import type { DeletedFinalStateUnknown, KubeObject, ListerWatcher } from '@kube-cache/indexer';
import { Reflector } from '@kube-cache/reflector';
import type { IndexSource } from './index-report';

// TEMPORARY: a stand-in over the Reflector until @kube-cache/informer lands.
/**
 * kube-index's cache: an informer for one resource with one index, the `--index-by` expression.
 *
 * @since 0.1.0
 */
export class ResourceInformer {
  readonly #reflector: Reflector<KubeObject>;
  readonly #objects = new Map<string, KubeObject>();
  readonly #values: (object: unknown) => string[];
  readonly #changeListeners = new Set<() => void>();

  /**
   * @param options - the source, the index function, and a handler for list and watch errors.
   */
  constructor(options: {
    listerWatcher: ListerWatcher<KubeObject>;
    indexValues: (object: unknown) => string[];
    onError: (error: unknown) => void;
  }) {
    this.#values = options.indexValues;
    const objects = this.#objects;
    const changed = (): void => {
      for (const listener of this.#changeListeners) listener();
    };
    this.#reflector = new Reflector<KubeObject>({
      listerWatcher: options.listerWatcher,
      onWatchError: options.onError,
      store: {
        add: (object) => {
          objects.set(keyOf(object), object);
          changed();
        },
        update: (object) => {
          objects.set(keyOf(object), object);
          changed();
        },
        delete: (object: KubeObject | DeletedFinalStateUnknown<KubeObject>) => {
          objects.delete('key' in object && typeof object.key === 'string' ? object.key : keyOf(object as KubeObject));
          changed();
        },
        replace: (list) => {
          objects.clear();
          for (const object of list) objects.set(keyOf(object), object);
          changed();
        },
        resync: () => undefined,
      },
    });
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
    return this.#reflector.run(signal);
  }

  /** @returns whether the initial list is in the cache. */
  hasSynced(): boolean {
    return this.#reflector.hasSynced();
  }

  /** @returns the resourceVersion the cache reflects. */
  lastSyncResourceVersion(): string {
    return this.#reflector.lastSyncResourceVersion();
  }

  /** @returns the index, for {@link buildIndexReport}. */
  indexSource(): IndexSource {
    const byValue = new Map<string, string[]>();
    for (const [key, object] of this.#objects) {
      for (const value of this.#values(object)) {
        const keys = byValue.get(value) ?? [];
        keys.push(key);
        byValue.set(value, keys);
      }
    }
    return { values: [...byValue.keys()], keysFor: (value) => byValue.get(value) ?? [], allKeys: [...this.#objects.keys()] };
  }
}

function keyOf(object: KubeObject): string {
  const namespace = object.metadata?.namespace;
  const name = object.metadata?.name ?? '';
  return namespace === undefined || namespace === '' ? name : `${namespace}/${name}`;
}
