import type { DeletedFinalStateUnknown, KubeObject, ListerWatcher } from '@kube-cache/indexer';
import { Reflector } from '@kube-cache/reflector';
import type { ReflectorEvent } from '@kube-cache/reflector';
import { objectKey } from './verify-cache';

/**
 * A pod as far as the demo reads it.
 *
 * @since 0.1.0
 */
export interface Pod extends KubeObject {
  spec?: { nodeName?: string | undefined } | undefined;
}

/** The demo's three indices. */
export type PodIndexName = 'namespace' | 'node' | 'app';

/** A handler event, for the events-per-second figure. */
export type PodChange = 'add' | 'update' | 'delete';

// TEMPORARY: a stand-in over the Reflector until @kube-cache/informer lands.
/**
 * The demo's pod cache: a SharedIndexInformer for pods with indices by namespace, node and app.
 *
 * @since 0.1.0
 */
export class PodInformer {
  readonly #reflector: Reflector<Pod>;
  readonly #pods = new Map<string, Pod>();
  readonly #listeners = new Set<(change: PodChange) => void>();

  /**
   * @param listerWatcher - the pods' source.
   */
  constructor(listerWatcher: ListerWatcher<Pod>) {
    const pods = this.#pods;
    const notify = (change: PodChange): void => {
      for (const listener of this.#listeners) listener(change);
    };
    this.#reflector = new Reflector<Pod>({
      listerWatcher,
      expectedType: { apiVersion: 'v1', kind: 'Pod' },
      store: {
        add: (pod) => {
          pods.set(objectKey(pod), pod);
          notify('add');
        },
        update: (pod) => {
          pods.set(objectKey(pod), pod);
          notify('update');
        },
        delete: (pod: Pod | DeletedFinalStateUnknown<Pod>) => {
          pods.delete('key' in pod ? pod.key : objectKey(pod));
          notify('delete');
        },
        replace: (list) => {
          pods.clear();
          for (const pod of list) pods.set(objectKey(pod), pod);
          for (let index = 0; index < list.length; index += 1) notify('add');
        },
        resync: () => undefined,
      },
    });
  }

  /**
   * Subscribes to the reflector's events.
   *
   * @param listener - called with each event.
   * @returns unsubscribe.
   */
  subscribeReflector(listener: (event: ReflectorEvent) => void): () => void {
    return this.#reflector.events.subscribe(listener);
  }

  /**
   * Subscribes to handler events (add, update, delete).
   *
   * @param listener - called with each change.
   */
  onChange(listener: (change: PodChange) => void): void {
    this.#listeners.add(listener);
  }

  /**
   * Runs until `signal` aborts.
   *
   * @param signal - stops the informer.
   * @returns when stopped.
   */
  run(signal: AbortSignal): Promise<void> {
    return this.#reflector.run(signal);
  }

  /** @returns whether the initial list is in the cache. */
  hasSynced(): boolean {
    return this.#reflector.hasSynced();
  }

  /** @returns the last resourceVersion the cache reflects. */
  lastSyncResourceVersion(): string {
    return this.#reflector.lastSyncResourceVersion();
  }

  /** @returns the number of cached pods. */
  size(): number {
    return this.#pods.size;
  }

  /** @returns key to resourceVersion for every cached pod. */
  resourceVersionsByKey(): Map<string, string> {
    const result = new Map<string, string>();
    for (const [key, pod] of this.#pods) result.set(key, pod.metadata?.resourceVersion ?? '');
    return result;
  }

  /**
   * Pods per value of an index.
   *
   * @param index - which index.
   * @returns value and count pairs.
   */
  counts(index: PodIndexName): Map<string, number> {
    const counts = new Map<string, number>();
    for (const pod of this.#pods.values()) {
      const value =
        index === 'namespace' ? pod.metadata?.namespace : index === 'node' ? pod.spec?.nodeName : pod.metadata?.labels?.app;
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
  }
}
