import type { KubeObject, ListerWatcher } from '@kube-cache/indexer';
import type {
  Clock,
  KubeConfigLike,
  KubeTransport,
  ResourceDescriptor,
} from '@kube-cache/reflector';
import type { Indexers } from '@kube-cache/store-core';
import type {
  InformerQueueKind,
  InformerReflectorOptions,
} from '../informer/shared-index-informer-options';
import type { InformerMetrics } from '../metrics/informer-metrics';
import type { TransformFunction } from '../queue/queue-types';

/**
 * The selectors that, with the resource and namespace, identify one shared informer.
 *
 * @since 0.1.0
 */
export interface InformerSelectors {
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

/**
 * The options of an {@link InformerFactory}: where to connect, and defaults for every informer.
 *
 * @since 0.1.0
 */
export interface InformerFactoryOptions extends InformerSelectors {
  /** A loaded `@kubernetes/client-node` `KubeConfig` (1.x or 2.x). */
  kubeConfig: KubeConfigLike;
  /** The default resync period of informers, in milliseconds (0: none). */
  resyncPeriod?: number | undefined;
  /** Watch only this namespace by default (absent: all namespaces). */
  namespace?: string | undefined;
  /** The queue kind of every informer; default `real`. */
  queue?: InformerQueueKind | undefined;
  /** Timers; default the global ones. */
  clock?: Clock | undefined;
  /** A metrics hook shared by every informer (each reports under its own name). */
  metrics?: InformerMetrics | undefined;
  /** Handler and cache errors of every informer; default `process.emitWarning`. */
  onError?: ((error: unknown) => void) | undefined;
  /**
   * List and watch errors of every informer. Default: each distinct failure is reported with
   * `process.emitWarning` (type `KubeCacheWarning`), at most once a minute per informer.
   */
  onWatchError?: ((error: unknown) => void) | undefined;
  /** Reflector settings of every informer. */
  reflector?: InformerReflectorOptions | undefined;
  /**
   * The mutation detector of every informer (see `SharedIndexInformerOptions.detectMutations`);
   * default the environment variable `KUBE_CACHE_MUTATION_DETECTOR`, else off.
   *
   * @since 0.2.0
   */
  detectMutations?: boolean | undefined;
  /**
   * The transport every informer's requests go through; default
   * `KubeTransport.forKubeConfig(kubeConfig)` (one HTTP/2 connection per cluster, shared with
   * every other ListWatch of the same KubeConfig object). Pass your own to force a protocol or
   * set the health-check timings.
   *
   * @since 0.2.0
   */
  transport?: KubeTransport | undefined;
  /**
   * Builds the ListerWatcher of a resource; default `createListWatch(kubeConfig, resource,
   * { ...selectors, transport })`. For tests and custom transports.
   */
  createListerWatcher?:
    | ((resource: ResourceDescriptor, selectors: InformerSelectors) => ListerWatcher<KubeObject>)
    | undefined;
}

/**
 * Per-informer options of {@link InformerFactory.informerFor}. The namespace and selectors pick
 * which shared informer is meant; the rest only apply when it is created (indexers are added to
 * an existing one).
 *
 * @since 0.1.0
 */
export interface InformerRequest<T> extends InformerSelectors {
  /** The namespace (default: the resource's, else the factory's, else all namespaces). */
  namespace?: string | undefined;
  /** The resync period in milliseconds (default: the factory's). */
  resyncPeriod?: number | undefined;
  /** Index functions; added to the informer if it already exists. */
  indexers?: Indexers<T> | undefined;
  /** Applied once to every object on its way in; only when the informer is created. */
  transform?: TransformFunction<T> | undefined;
}
