import type { ListerWatcher } from '@kube-cache/indexer';
import type { Clock, ReflectorEvent, ReflectorOptions } from '@kube-cache/reflector';
import type { Indexers } from '@kube-cache/store-core';
import type { InformerMetrics } from '../metrics/informer-metrics';
import type { TransformFunction } from '../queue/queue-types';

/**
 * The reflector settings an informer passes through (see `ReflectorOptions`).
 *
 * @since 0.1.0
 */
export type InformerReflectorOptions = Pick<
  ReflectorOptions<unknown>,
  | 'pageSize'
  | 'minWatchTimeoutMilliseconds'
  | 'watchInactivityTimeoutMilliseconds'
  | 'backoff'
  | 'useWatchList'
>;

/**
 * Which queue sits between the reflector and the handlers: `real` (client-go's RealFIFO, every
 * event in order; the default since Kubernetes 1.33) or `delta` (the DeltaFIFO, per-key
 * accumulated deltas).
 *
 * @since 0.1.0
 */
export type InformerQueueKind = 'real' | 'delta';

/**
 * The options of a {@link SharedIndexInformer}.
 *
 * @since 0.1.0
 */
export interface SharedIndexInformerOptions<T> {
  /** Lists and watches the resource (`createListWatch`, or a fake in tests). */
  listerWatcher: ListerWatcher<T>;
  /** The expected `apiVersion`/`kind`: watch objects of another type are dropped and reported. */
  objectType?: { apiVersion?: string | undefined; kind: string } | undefined;
  /**
   * The default resync period of handlers, in milliseconds (also how often the informer checks
   * for due resyncs); 0 or absent: no resync.
   */
  resyncPeriod?: number | undefined;
  /** Named index functions of the cache. */
  indexers?: Indexers<T> | undefined;
  /** Applied once to every object on its way into the cache (see {@link TransformFunction}). */
  transform?: TransformFunction<T> | undefined;
  /** The queue kind; default `real`. */
  queue?: InformerQueueKind | undefined;
  /** A name for errors and metrics; default the `objectType` kind, else `informer`. */
  name?: string | undefined;
  /** Timers; default the global ones (so fake timers drive it). */
  clock?: Clock | undefined;
  /** A metrics hook. */
  metrics?: InformerMetrics | undefined;
  /**
   * Called with handler failures ({@link EventHandlerError}) and cache failures
   * ({@link DeltaProcessingError}). Default: `process.emitWarning` with the error, at most once a
   * minute per handler and callback (per delta type for cache failures).
   */
  onError?: ((error: unknown) => void) | undefined;
  /**
   * Called with every list and watch error (as `setWatchErrorHandler`). Without it (and without
   * `onReflectorEvent`) each distinct failure is reported with `process.emitWarning` (type
   * `KubeCacheWarning`), at most once a minute.
   */
  onWatchError?: ((error: unknown) => void) | undefined;
  /** Reflector settings (page size, watch timeouts, backoff, watch-list). */
  reflector?: InformerReflectorOptions | undefined;
  /**
   * Called with every event of the informer's reflector (list pages, listed, synced, watch
   * started and ended, relisting, backoff), for progress displays and logs. A listener that
   * throws is reported through `onError` and the informer goes on.
   */
  onReflectorEvent?: ((event: ReflectorEvent) => void) | undefined;
  /**
   * The mutation detector, for tests and development: deep-freeze everything the cache hands out
   * (handler arguments, `getStore()`/`getIndexer()` and lister results), so that code mutating a
   * cached object throws a `TypeError` at the line that does it, instead of silently corrupting
   * the cache's indices. Costs a walk over every object as it enters the cache. Default: the
   * environment variable `KUBE_CACHE_MUTATION_DETECTOR` (`true`, `1`, ... as Go's
   * `strconv.ParseBool`), else off; an explicit `false` wins over the variable.
   *
   * @since 0.2.0
   */
  detectMutations?: boolean | undefined;
}

/**
 * The options of `addEventHandler`.
 *
 * @since 0.1.0
 */
export interface EventHandlerOptions {
  /**
   * This handler's resync period in milliseconds (default: the informer's `resyncPeriod`; 0: no
   * resync). Raised to at least 1 s, and to the informer's check period once it has started.
   */
  resyncPeriod?: number | undefined;
  /** A name for errors and metrics; default `handler-<n>`. */
  name?: string | undefined;
}
