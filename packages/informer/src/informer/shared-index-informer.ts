import { Cache, deletionHandlingMetaNamespaceKeyFunc } from '@kube-cache/indexer';
import type { Indexer, KubeObject, Store } from '@kube-cache/indexer';
import { Reflector, systemClock } from '@kube-cache/reflector';
import type { Clock } from '@kube-cache/reflector';
import type { Indexers } from '@kube-cache/store-core';
import { InformerAlreadyStartedError } from '../errors/informer-already-started-error';
import { InformerStoppedError } from '../errors/informer-stopped-error';
import type { EventHandlerRegistration } from '../handlers/event-handler-registration';
import { ProcessorListener } from '../handlers/processor-listener';
import type { ResourceEventHandler } from '../handlers/resource-event-handler';
import { SharedProcessor } from '../handlers/shared-processor';
import type { InformerMetrics } from '../metrics/informer-metrics';
import type { InformerQueue, TransformFunction } from '../queue/queue-types';
import { DeltaProcessor } from './delta-processor';
import { createInformerQueue, meteredReflectorStore } from './informer-queue';
import { InformerErrorReporter } from './informer-error-reporter';
import { mutationDetectorFromEnvironment } from './mutation-detector';
import { subscribeReflectorEvents } from './reflector-event-listeners';
import { ResyncSchedule } from './resync-schedule';
import type {
  EventHandlerOptions,
  SharedIndexInformerOptions,
} from './shared-index-informer-options';
import { validateInformerOptions } from './validate-informer-options';

/**
 * client-go's SharedIndexInformer: one list-watch of a resource feeding a local indexed cache and
 * any number of handlers. A reflector writes into a queue (a {@link RealFIFO} by default, or a
 * {@link DeltaFIFO}); the informer pops it, applies each delta to the cache, then hands an
 * add/update/delete notification to every handler's own queue. Handlers receive their events in
 * order, one call at a time (async ones awaited); a slow or throwing handler neither blocks nor
 * breaks the others.
 *
 * @example
 * ```ts
 * const informer = new SharedIndexInformer<V1Pod>({
 *   listerWatcher: createListWatch(kubeConfig, { apiVersion: 'v1', plural: 'pods' }),
 *   indexers: { node: (pod) => (pod.spec?.nodeName ? [pod.spec.nodeName] : []) },
 * });
 * informer.addEventHandler({
 *   onAdd: (pod) => console.log('added', pod.metadata?.name),
 *   onUpdate: (oldPod, newPod) => console.log('updated', newPod.metadata?.name),
 *   onDelete: (pod) => console.log('deleted'),
 * });
 * const controller = new AbortController();
 * void informer.run(controller.signal);
 * await waitForCacheSync(controller.signal, informer);
 * console.log(informer.getIndexer().byIndex('node', 'node-1').length);
 * ```
 * @since 0.1.0
 */
export class SharedIndexInformer<T extends KubeObject> {
  /** The informer's name, used in errors and metrics. */
  readonly name: string;
  readonly #options: SharedIndexInformerOptions<T>;
  readonly #clock: Clock;
  readonly #metrics: InformerMetrics | undefined;
  readonly #errors: InformerErrorReporter;
  /** The cache the deltas are applied to. */
  readonly #indexer: Cache<T>;
  /** The handlers the resulting notifications go to. */
  readonly #processor = new SharedProcessor<T>();
  readonly #resync: ResyncSchedule<T>;
  /** Pops the queue: each delta into the cache, then to the handlers. */
  readonly #deltaProcessor: DeltaProcessor<T>;
  #transform: TransformFunction<T> | undefined;
  #watchErrorHandler: ((error: unknown) => void) | undefined;
  /** Created by `run`: the reflector writes into the queue. */
  #queue: InformerQueue<T> | undefined;
  #reflector: Reflector<T> | undefined;
  #handlerCount = 0;
  #started = false;
  #stopped = false;

  /**
   * @param options - the lister-watcher and the {@link SharedIndexInformerOptions}.
   * @throws {@link InvalidInformerOptionsError} for a missing lister-watcher or an option out of
   *   range.
   */
  constructor(options: SharedIndexInformerOptions<T>) {
    validateInformerOptions(options);
    this.#options = options;
    this.name = options.name ?? options.objectType?.kind ?? 'informer';
    this.#clock = options.clock ?? systemClock;
    this.#metrics = options.metrics;
    this.#errors = new InformerErrorReporter({
      informerName: this.name,
      clock: this.#clock,
      informerOptions: options,
    });
    const detectMutations = options.detectMutations ?? mutationDetectorFromEnvironment();
    // The cache freezes every object it stores, so handler arguments and reads are frozen too.
    this.#indexer = new Cache<T>(deletionHandlingMetaNamespaceKeyFunc, options.indexers, {
      detectMutations,
    });
    this.#resync = new ResyncSchedule<T>(this.#processor, options.resyncPeriod ?? 0);
    this.#deltaProcessor = new DeltaProcessor<T>({
      informerName: this.name,
      indexer: this.#indexer,
      processor: this.#processor,
      detectMutations,
      metrics: this.#metrics,
      reportError: this.#errors.report,
    });
    this.#transform = options.transform;
    this.#watchErrorHandler = options.onWatchError;
  }

  /**
   * Lists and watches until `signal` aborts, keeping the cache current and notifying handlers.
   * Transient failures are retried with backoff (and, without `onWatchError` or
   * `onReflectorEvent`, reported with `process.emitWarning`, rate-limited); it stops by itself
   * only for a configuration that can never work.
   *
   * @param signal - stops the informer.
   * @returns a promise that resolves once everything has stopped (a handler call in progress
   *   finishes first; queued notifications are dropped).
   * @throws {@link InformerAlreadyStartedError} (rejects) when run a second time; the reflector's
   *   `InvalidListWatchConfigError` (rejects, after everything stopped) when the KubeConfig or
   *   resource can never work.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#started) throw new InformerAlreadyStartedError(this.name, 'run');
    this.#started = true;
    const queue = createInformerQueue(this.#options.queue, this.#indexer, this.#transform);
    const reflector = new Reflector<T>({
      listerWatcher: this.#options.listerWatcher,
      store: meteredReflectorStore(queue, this.name, this.#metrics),
      name: this.name,
      expectedType: this.#options.objectType,
      resyncPeriodMilliseconds: this.#resync.checkPeriod,
      shouldResync: () => this.#processor.shouldResync(this.#clock.now()),
      clock: this.#clock,
      onWatchError: (error) => this.#errors.reportListWatchError(error, this.#watchErrorHandler),
      ...this.#options.reflector,
    });
    this.#queue = queue;
    this.#reflector = reflector;
    const unsubscribe = subscribeReflectorEvents(reflector.events, {
      informerName: this.name,
      metrics: this.#metrics,
      onReflectorEvent: this.#options.onReflectorEvent,
      reportError: this.#errors.report,
    });
    const close = (): void => queue.close();
    signal.addEventListener('abort', close, { once: true });
    if (signal.aborted) close();
    this.#processor.run();
    try {
      const reflecting = reflector.run(signal).catch((error: unknown) => {
        // The reflector stopped for good (a configuration that can never work): stop with it.
        close();
        throw error;
      });
      await Promise.all([reflecting, this.#deltaProcessor.run(queue)]);
    } finally {
      signal.removeEventListener('abort', close);
      unsubscribe();
      this.#stopped = true;
      await this.#processor.stop();
    }
  }

  /**
   * Whether the cache holds the complete initial list (every item of it processed).
   *
   * @returns `true` once synced; it stays `true`.
   */
  hasSynced(): boolean {
    return this.#queue?.hasSynced() ?? false;
  }

  /**
   * The last list or watch error (`undefined` before the first, or before `run`).
   *
   * @returns the error.
   * @since 0.2.0
   */
  lastError(): unknown {
    return this.#reflector?.lastError();
  }

  /** @returns whether {@link SharedIndexInformer.run} was called. */
  hasStarted(): boolean {
    return this.#started;
  }

  /** @returns whether the informer ran and has stopped. */
  isStopped(): boolean {
    return this.#stopped;
  }

  /**
   * The cache, as a Store. Read it; do not write to it, and do not mutate the objects in it.
   *
   * @returns the cache.
   */
  getStore(): Store<T> {
    return this.#indexer;
  }

  /**
   * The cache, with its indices. Read it; do not write to it, and do not mutate its objects.
   *
   * @returns the indexer.
   */
  getIndexer(): Indexer<T> {
    return this.#indexer;
  }

  /**
   * The resourceVersion the informer has reached ("" before its first list).
   *
   * @returns the resourceVersion.
   */
  lastSyncResourceVersion(): string {
    return this.#reflector?.lastSyncResourceVersion() ?? '';
  }

  /**
   * Adds index functions, also while running: the new indices are filled from the cache at once.
   *
   * @param indexers - the new named index functions.
   * @throws {@link InformerStoppedError} once stopped; the indexer's `IndexerConflictError` for a
   *   name already in use, `IndexFuncError` when a new function throws (nothing is added then).
   */
  addIndexers(indexers: Indexers<T>): void {
    if (this.#stopped) throw new InformerStoppedError(this.name, 'addIndexers');
    this.#indexer.addIndexers(indexers);
  }

  /**
   * Sets the transform applied to every object on its way in (replaces the `transform` option).
   *
   * @param transform - the transform.
   * @throws {@link InformerAlreadyStartedError} once started.
   */
  setTransform(transform: TransformFunction<T>): void {
    if (this.#started) throw new InformerAlreadyStartedError(this.name, 'setTransform');
    this.#transform = transform;
  }

  /**
   * Sets the handler of list and watch errors (replaces the `onWatchError` option).
   *
   * @param handler - called with every list or watch error.
   * @throws {@link InformerAlreadyStartedError} once started.
   */
  setWatchErrorHandler(handler: (error: unknown) => void): void {
    if (this.#started) throw new InformerAlreadyStartedError(this.name, 'setWatchErrorHandler');
    this.#watchErrorHandler = handler;
  }

  /**
   * Adds a handler. Added after start, it first gets a synthetic `onAdd(object, true)` for every
   * cached object. Its resync period is raised to at least 1 s; before start, a period shorter
   * than the informer's makes the informer check that often.
   *
   * @param handler - the callbacks.
   * @param options - the resync period and a name.
   * @returns the registration, with its own `hasSynced`.
   * @throws {@link InformerStoppedError} once stopped; {@link InvalidInformerOptionsError} for a
   *   negative or non-finite resync period.
   */
  addEventHandler(
    handler: ResourceEventHandler<T>,
    options: EventHandlerOptions = {},
  ): EventHandlerRegistration {
    if (this.#stopped) throw new InformerStoppedError(this.name, 'addEventHandler');
    const resyncPeriod = this.#resync.handlerPeriod(options.resyncPeriod, this.#started);
    this.#handlerCount += 1;
    const listener = new ProcessorListener<T>({
      handler,
      name: options.name ?? `handler-${this.#handlerCount}`,
      informerName: this.name,
      requestedResyncPeriod: resyncPeriod,
      resyncPeriod: this.#resync.effectivePeriod(resyncPeriod),
      now: this.#clock.now(),
      upstreamHasSynced: () => this.hasSynced(),
      onError: this.#errors.report,
      metrics: this.#metrics,
    });
    this.#processor.addListener(listener);
    if (this.#started) {
      // Synchronous with respect to delta processing, so the handler misses nothing and sees
      // nothing twice.
      for (const item of this.#indexer.list()) {
        listener.add({ type: 'add', object: item, isInInitialList: true });
      }
    }
    return listener;
  }

  /**
   * Removes a handler: it gets no further calls (a call in progress finishes). Removing one twice,
   * or one from another informer, does nothing.
   *
   * @param registration - what `addEventHandler` returned.
   */
  removeEventHandler(registration: EventHandlerRegistration): void {
    if (registration instanceof ProcessorListener) {
      this.#processor.removeListener(registration as ProcessorListener<T>);
    }
  }
}
