import type { Cache, KubeObject } from '@kube-cache/indexer';
import { deepFreeze } from '@kube-cache/store-core';
import { DeltaProcessingError } from '../errors/delta-processing-error';
import { QueueClosedError } from '../errors/queue-closed-error';
import type { SharedProcessor } from '../handlers/shared-processor';
import type { InformerMetrics } from '../metrics/informer-metrics';
import type { Deltas } from '../queue/delta';
import type { InformerQueue } from '../queue/queue-types';

/**
 * What a {@link DeltaProcessor} needs from its informer.
 *
 * @internal
 */
export interface DeltaProcessorOptions<T extends KubeObject> {
  /** The informer's name, for errors and metrics. */
  informerName: string;
  /** The informer's cache. */
  indexer: Cache<T>;
  /** The informer's handlers. */
  processor: SharedProcessor<T>;
  /** Freeze deleted objects before handing them out (the cache freezes what it stores). */
  detectMutations: boolean;
  metrics: InformerMetrics | undefined;
  /** Receives a delta the cache refused, wrapped in a `DeltaProcessingError`. */
  reportError: (error: unknown) => void;
}

/**
 * client-go's processDeltas and the loop around it: pops the informer's queue, applies each delta
 * to the cache, then hands the matching notification to the handlers.
 *
 * @internal
 */
export class DeltaProcessor<T extends KubeObject> {
  readonly #informerName: string;
  readonly #indexer: Cache<T>;
  readonly #processor: SharedProcessor<T>;
  readonly #detectMutations: boolean;
  readonly #metrics: InformerMetrics | undefined;
  readonly #reportError: (error: unknown) => void;

  constructor(options: DeltaProcessorOptions<T>) {
    this.#informerName = options.informerName;
    this.#indexer = options.indexer;
    this.#processor = options.processor;
    this.#detectMutations = options.detectMutations;
    this.#metrics = options.metrics;
    this.#reportError = options.reportError;
  }

  /** Pops `queue` until it is closed and empty; an error on the way is reported, not thrown. */
  async run(queue: InformerQueue<T>): Promise<void> {
    const metrics = this.#metrics;
    for (;;) {
      try {
        await queue.pop(this.#handleDeltas);
      } catch (error) {
        if (QueueClosedError.isInstance(error)) return;
        this.#reportError(error);
      }
      metrics?.queueDepth?.(this.#informerName, queue.length);
    }
  }

  /** Bound once, so popping allocates no function per item. */
  readonly #handleDeltas = (deltas: Deltas<T>, isInInitialList: boolean): void => {
    const indexer = this.#indexer;
    for (const delta of deltas) {
      try {
        if (delta.type === 'Deleted') {
          indexer.delete(delta.object);
          // Not stored, so not frozen by the cache: a deleted object (or tombstone) is handed out.
          if (this.#detectMutations) deepFreeze(delta.object);
          this.#processor.distribute({ type: 'delete', object: delta.object }, false);
          continue;
        }
        const object = delta.object as T;
        const existing = indexer.get(object);
        if (existing === undefined) {
          indexer.add(object);
          this.#processor.distribute({ type: 'add', object, isInInitialList }, false);
        } else {
          indexer.update(object);
          // An unchanged resourceVersion is a resync: only handlers due for one get it.
          const isSync = existing.metadata?.resourceVersion === object.metadata?.resourceVersion;
          this.#processor.distribute(
            { type: 'update', oldObject: existing, newObject: object },
            isSync,
          );
        }
      } catch (error) {
        this.#reportError(new DeltaProcessingError(this.#informerName, delta.type, error));
      }
    }
  };
}
