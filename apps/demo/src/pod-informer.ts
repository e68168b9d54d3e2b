import type { KubeObject, ListerWatcher } from '@kube-cache/indexer';
import {
  indexByField,
  indexByLabel,
  metaNamespaceIndexFunc,
  NAMESPACE_INDEX,
} from '@kube-cache/indexer';
import { SharedIndexInformer } from '@kube-cache/informer';
import type { ReflectorEvent } from '@kube-cache/reflector';

/**
 * A pod as far as the demo reads it.
 */
export interface Pod extends KubeObject {
  spec?: { nodeName?: string | undefined } | undefined;
}

/**
 * The demo's three indices.
 */
export type PodIndexName = 'namespace' | 'node' | 'app';

/**
 * A handler event, for the events-per-second figure.
 */
export type PodChange = 'add' | 'update' | 'delete';

const INDEX_NAMES: Readonly<Record<PodIndexName, string>> = {
  namespace: NAMESPACE_INDEX,
  node: 'node',
  app: 'app',
};

/**
 * The demo's pod cache: a `SharedIndexInformer` for pods with indices by namespace, node
 * (`spec.nodeName`) and the `app` label, one event handler that counts changes, and the
 * reflector's events (progress, watches, backoff) passed on for the live view.
 *
 * @example
 * ```ts
 * const pods = new PodInformer(createListWatch(kubeConfig, { apiVersion: 'v1', plural: 'pods' }));
 * void pods.run(signal);
 * pods.counts('node'); // Map { 'node-7' => 57, ... }
 * ```
 */
export class PodInformer {
  readonly #informer: SharedIndexInformer<Pod>;
  readonly #reflectorListeners = new Set<(event: ReflectorEvent) => void>();
  readonly #changeListeners = new Set<(change: PodChange) => void>();

  /**
   * @param listerWatcher - the pods' source.
   */
  constructor(listerWatcher: ListerWatcher<Pod>) {
    this.#informer = new SharedIndexInformer<Pod>({
      name: 'pods',
      listerWatcher,
      onReflectorEvent: (event) => {
        for (const listener of this.#reflectorListeners) listener(event);
      },
      objectType: { apiVersion: 'v1', kind: 'Pod' },
      indexers: {
        [NAMESPACE_INDEX]: metaNamespaceIndexFunc,
        node: indexByField<Pod>('spec.nodeName'),
        app: indexByLabel<Pod>('app'),
      },
    });
    const notify = (change: PodChange): void => {
      for (const listener of this.#changeListeners) listener(change);
    };
    this.#informer.addEventHandler(
      {
        onAdd: () => notify('add'),
        onUpdate: () => notify('update'),
        onDelete: () => notify('delete'),
      },
      { name: 'demo-counter' },
    );
  }

  /**
   * Subscribes to the reflector's events.
   *
   * @param listener - called with each event.
   * @returns unsubscribe.
   */
  subscribeReflector(listener: (event: ReflectorEvent) => void): () => void {
    this.#reflectorListeners.add(listener);
    return () => this.#reflectorListeners.delete(listener);
  }

  /**
   * Subscribes to handler events (add, update, delete).
   *
   * @param listener - called with each change.
   */
  onChange(listener: (change: PodChange) => void): void {
    this.#changeListeners.add(listener);
  }

  /**
   * Runs until `signal` aborts.
   *
   * @param signal - stops the informer.
   * @returns when stopped.
   */
  run(signal: AbortSignal): Promise<void> {
    return this.#informer.run(signal);
  }

  /** @returns whether the initial list is in the cache. */
  hasSynced(): boolean {
    return this.#informer.hasSynced();
  }

  /** @returns the last resourceVersion the informer has reached. */
  lastSyncResourceVersion(): string {
    return this.#informer.lastSyncResourceVersion();
  }

  /** @returns the number of cached pods. */
  size(): number {
    return this.#informer.getIndexer().listKeys().length;
  }

  /** @returns key to resourceVersion for every cached pod. */
  resourceVersionsByKey(): Map<string, string> {
    const indexer = this.#informer.getIndexer();
    const result = new Map<string, string>();
    for (const key of indexer.listKeys())
      result.set(key, indexer.getByKey(key)?.metadata?.resourceVersion ?? '');
    return result;
  }

  /**
   * Pods per value of an index, read from the indexer's index (no scan of the pods).
   *
   * @param index - which index.
   * @returns value to count.
   */
  counts(index: PodIndexName): Map<string, number> {
    const indexer = this.#informer.getIndexer();
    const name = INDEX_NAMES[index];
    const counts = new Map<string, number>();
    for (const value of indexer.listIndexFuncValues(name)) {
      const count = indexer.indexKeys(name, value).length;
      if (count > 0) counts.set(value, count);
    }
    return counts;
  }
}
