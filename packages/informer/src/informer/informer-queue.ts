import { metaNamespaceKeyFunc } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import type { ReflectorStore, ResourceVersionUpdater } from '@kube-cache/reflector';
import type { InformerMetrics } from '../metrics/informer-metrics';
import { DeltaFIFO } from '../queue/delta-fifo';
import type { InformerQueue, KeyListerGetter, TransformFunction } from '../queue/queue-types';
import { RealFIFO } from '../queue/real-fifo';
import type { InformerQueueKind } from './shared-index-informer-options';

/**
 * The queue between an informer's reflector and its delta processing, keyed as the cache is.
 *
 * @param kind - the `queue` option; default a {@link RealFIFO}.
 * @param knownObjects - the informer's cache.
 * @param transform - applied to each object on its way in.
 * @returns the new queue.
 * @internal
 */
export function createInformerQueue<T extends KubeObject>(
  kind: InformerQueueKind | undefined,
  knownObjects: KeyListerGetter<T>,
  transform: TransformFunction<T> | undefined,
): InformerQueue<T> {
  const options = { keyFunction: metaNamespaceKeyFunc, knownObjects, transform };
  return kind === 'delta' ? new DeltaFIFO<T>(options) : new RealFIFO<T>(options);
}

/**
 * The queue as the reflector sees it: with metrics, each write also reports the queue depth and
 * each new resourceVersion; without, the queue itself.
 *
 * @internal
 */
export function meteredReflectorStore<T>(
  queue: InformerQueue<T>,
  informerName: string,
  metrics: InformerMetrics | undefined,
): ReflectorStore<T> & Partial<ResourceVersionUpdater> {
  if (metrics === undefined) return queue;
  const depth = (): void => metrics.queueDepth?.(informerName, queue.length);
  return {
    add: (object) => (queue.add(object), depth()),
    update: (object) => (queue.update(object), depth()),
    delete: (object) => (queue.delete(object), depth()),
    replace: (list, resourceVersion) => (queue.replace(list, resourceVersion), depth()),
    resync: () => (queue.resync(), depth()),
    updateResourceVersion: (resourceVersion) =>
      metrics.lastResourceVersion?.(informerName, resourceVersion),
  };
}
