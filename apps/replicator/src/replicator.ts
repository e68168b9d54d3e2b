import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import type { SharedIndexInformer } from '@kube-cache/informer';
import { waitForCacheSync } from '@kube-cache/informer';
import { RateLimitingQueue } from '@kube-cache/workqueue';
import { planReplication } from './plan-replication';
import type { ReplicaAction } from './plan-replication';
import type { ReplicaWriter } from './replica-writer';
import type { NamespaceObject, ReplicatedKind, ReplicatedObject } from './replicated-object';
import { isReplica, isSource, namespacedName, sourceAnnotation } from './replicated-object';
import { targetNamespaces } from './target-namespaces';

/** The index of copies by their source's `namespace/name`. */
export const copiesBySourceIndex = 'replicator.kube-cache.dev/copies-by-source';
/** The index of sources by name (to retry a source when an object of its name goes away). */
export const sourcesByNameIndex = 'replicator.kube-cache.dev/sources-by-name';

/** The indexers the ConfigMap and Secret informers need (pass them when creating them). */
export const replicatorIndexers = {
  [copiesBySourceIndex]: (object: ReplicatedObject): string[] => {
    const source = object.metadata?.annotations?.[sourceAnnotation];
    return isReplica(object) && source !== undefined ? [source] : [];
  },
  [sourcesByNameIndex]: (object: ReplicatedObject): string[] =>
    isSource(object) ? [object.metadata?.name ?? ''] : [],
};

/** The options of a {@link Replicator}. */
export interface ReplicatorOptions {
  /** A ConfigMap informer with {@link replicatorIndexers}. */
  configMaps: SharedIndexInformer<ReplicatedObject>;
  /** A Secret informer with {@link replicatorIndexers}. */
  secrets: SharedIndexInformer<ReplicatedObject>;
  /** A Namespace informer. */
  namespaces: SharedIndexInformer<NamespaceObject>;
  /** Where copies are written. */
  writer: ReplicaWriter;
  /** Parallel workers; default 2. */
  workers?: number | undefined;
  /** The queue of source keys (`Kind/namespace/name`); default a RateLimitingQueue. */
  queue?: RateLimitingQueue<string> | undefined;
  /** One line per change; default `console.log`. */
  log?: ((line: string) => void) | undefined;
}

function unwrap<T>(object: T | DeletedFinalStateUnknown<T>): T {
  return object instanceof DeletedFinalStateUnknown ? object.object : object;
}

/**
 * The controller: informers on ConfigMaps, Secrets and Namespaces feed a rate-limited queue of
 * source keys; workers reconcile one source at a time (the queue guarantees one worker per key)
 * by planning the copies from the caches and writing the changes. A write that fails (a 409
 * from a concurrent change, or any other error) re-queues the source with backoff.
 */
export class Replicator {
  readonly #options: ReplicatorOptions;
  readonly #queue: RateLimitingQueue<string>;
  readonly #log: (line: string) => void;
  // Conflicts already reported, so a taken name is said once, not on every pass.
  readonly #reportedConflicts = new Set<string>();
  // Set when stopping without draining: keys still waiting are taken and dropped, not worked on.
  #dropWaiting = false;

  constructor(options: ReplicatorOptions) {
    this.#options = options;
    this.#queue = options.queue ?? new RateLimitingQueue<string>({ name: 'replicator' });
    this.#log = options.log ?? ((line) => console.log(line));
    this.#watch('ConfigMap', options.configMaps);
    this.#watch('Secret', options.secrets);
    options.namespaces.addEventHandler({
      onAdd: () => this.#enqueueAllSources(),
      onUpdate: (oldNamespace, newNamespace) => {
        const oldLabels = JSON.stringify(oldNamespace.metadata?.labels ?? {});
        const newLabels = JSON.stringify(newNamespace.metadata?.labels ?? {});
        if (oldLabels !== newLabels || oldNamespace.status?.phase !== newNamespace.status?.phase) {
          this.#enqueueAllSources();
        }
      },
      onDelete: () => this.#enqueueAllSources(),
    });
  }

  /** The queue of source keys (for metrics and tests). */
  get queue(): RateLimitingQueue<string> {
    return this.#queue;
  }

  /**
   * Waits for the caches, then runs the workers until `signal` aborts; then drains the queue
   * (the items being processed finish, and so do the keys still waiting) and returns. The
   * informers are run by the caller.
   *
   * @param signal - stops the workers.
   * @param options - `drain` (default: always) is asked when `signal` aborts; `false` means stop
   *   at once: the keys being reconciled finish but waiting keys are dropped (a replica that lost
   *   its Lease must stop writing; the new leader reconciles everything anyway).
   */
  async run(
    signal: AbortSignal,
    options: { drain?: (() => boolean) | undefined } = {},
  ): Promise<void> {
    const { configMaps, secrets, namespaces } = this.#options;
    if (await waitForCacheSync(signal, configMaps, secrets, namespaces)) {
      const workers = Array.from({ length: this.#options.workers ?? 2 }, () => this.#work());
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      if (options.drain?.() === false) this.#dropWaiting = true;
      await this.#queue.shutDownWithDrain();
      await Promise.all(workers);
      return;
    }
    this.#queue.shutDown();
  }

  /**
   * Makes the copies of one source match it (the worker's step; public for tests).
   *
   * @param key - `Kind/namespace/name`.
   */
  async reconcile(key: string): Promise<void> {
    const separator = key.indexOf('/');
    const kind = key.slice(0, separator) as ReplicatedKind;
    const sourceKey = key.slice(separator + 1);
    const informer = kind === 'Secret' ? this.#options.secrets : this.#options.configMaps;
    const cached = informer.getStore().getByKey(sourceKey);
    const source = cached !== undefined && isSource(cached) ? cached : undefined;
    const targets =
      source === undefined
        ? { namespaces: new Set<string>() }
        : targetNamespaces(source, this.#options.namespaces.getStore().list());
    if (targets.problem !== undefined) this.#log(`${key}: ${targets.problem}`);
    const name = sourceKey.slice(sourceKey.indexOf('/') + 1);
    const actions = planReplication({
      kind,
      sourceKey,
      source,
      targets: targets.namespaces,
      objectIn: (namespace) => informer.getStore().getByKey(`${namespace}/${name}`),
      copies: informer.getIndexer().byIndex(copiesBySourceIndex, sourceKey),
    });
    for (const action of actions) await this.#apply(kind, key, action);
  }

  async #apply(kind: ReplicatedKind, key: string, action: ReplicaAction): Promise<void> {
    const writer = this.#options.writer;
    if (action.type !== 'conflict') {
      // A name that was taken and is now ours may be taken again later: say so again then.
      this.#reportedConflicts.delete(
        `${key} ${action.type === 'delete' ? action.namespace : (action.object.metadata?.namespace ?? '')}`,
      );
    }
    switch (action.type) {
      case 'create':
        await writer.create(action.object);
        this.#log(`created ${kind} ${namespacedName(action.object)} from ${key}`);
        return;
      case 'update':
        await writer.replace(action.object);
        this.#log(`updated ${kind} ${namespacedName(action.object)} from ${key}`);
        return;
      case 'delete':
        if (!(await writer.delete(kind, action.namespace, action.name, action.resourceVersion))) {
          return;
        }
        this.#log(`deleted ${kind} ${action.namespace}/${action.name} (copy of ${key})`);
        return;
      case 'conflict': {
        const conflict = `${key} ${action.namespace}`;
        if (this.#reportedConflicts.has(conflict)) return;
        this.#reportedConflicts.add(conflict);
        this.#log(
          `skipped ${kind} ${action.namespace}/${action.name}: the name is taken (${action.owner}); not touching it`,
        );
      }
    }
  }

  async #work(): Promise<void> {
    for (;;) {
      const { item, shutdown } = await this.#queue.get();
      if (shutdown) return;
      if (this.#dropWaiting) {
        this.#queue.done(item);
        continue;
      }
      try {
        await this.reconcile(item);
        this.#queue.forget(item);
      } catch (error) {
        this.#log(`retrying ${item}: ${error instanceof Error ? error.message : String(error)}`);
        this.#queue.addRateLimited(item);
      } finally {
        this.#queue.done(item);
      }
    }
  }

  #watch(kind: ReplicatedKind, informer: SharedIndexInformer<ReplicatedObject>): void {
    const enqueue = (object: KubeObject): void => {
      if (isReplica(object)) {
        // A copy changed or went away: its source decides what it should be.
        const source = object.metadata?.annotations?.[sourceAnnotation];
        if (source !== undefined) this.#queue.add(`${kind}/${source}`);
      } else if (isSource(object)) {
        this.#queue.add(`${kind}/${namespacedName(object)}`);
      }
    };
    informer.addEventHandler({
      onAdd: (object) => enqueue(object),
      onUpdate: (oldObject, newObject) => {
        // An annotation removed: the old object was a source, and its copies must go.
        enqueue(oldObject);
        enqueue(newObject);
      },
      onDelete: (deleted) => {
        const object = unwrap(deleted);
        if (isSource(object)) {
          this.#queue.add(`${kind}/${namespacedName(object)}`);
          return;
        }
        enqueue(object);
        // A name that was taken may be free now: retry the sources of that name.
        for (const source of informer
          .getIndexer()
          .byIndex(sourcesByNameIndex, object.metadata?.name ?? '')) {
          this.#queue.add(`${kind}/${namespacedName(source)}`);
        }
      },
    });
  }

  #enqueueAllSources(): void {
    for (const [kind, informer] of [
      ['ConfigMap', this.#options.configMaps],
      ['Secret', this.#options.secrets],
    ] as const) {
      for (const object of informer.getStore().list()) {
        if (isSource(object)) this.#queue.add(`${kind}/${namespacedName(object)}`);
      }
    }
  }
}
