import type { ReflectorStore } from '@kube-cache/reflector';
import type { Deltas } from './delta';

/**
 * Computes the store key of an object (`namespace/name` by default). May throw for an object it
 * cannot key (for example `KeyError` for an object without metadata).
 *
 * @since 0.1.0
 */
export type QueueKeyFunction<T> = (object: T) => string;

/**
 * Rewrites an object before it is queued and cached, for example to drop `managedFields`. Called
 * once per object on its way in, never for tombstones or resyncs. It may return the same object.
 *
 * @since 0.1.0
 */
export type TransformFunction<T> = (object: T) => T;

/**
 * The objects a queue already knows (the informer's cache), consulted by `replace` to find
 * objects that vanished and by `resync` to queue `Sync` deltas. Any `@kube-cache/indexer` Store
 * fits.
 *
 * @since 0.1.0
 */
export interface KeyListerGetter<T> {
  listKeys(): string[];
  getByKey(key: string): T | undefined;
}

/**
 * Processes what `pop` took from the queue. `isInInitialList` is `true` while the queue has not
 * yet handed out everything of its first `replace`. The queue counts the item as delivered only
 * after this function returns (or its promise settles), so `hasSynced` never runs ahead of it.
 *
 * @since 0.1.0
 */
export type PopProcessFunction<T> = (
  deltas: Deltas<T>,
  isInInitialList: boolean,
) => void | Promise<void>;

/**
 * The queue between a reflector and an informer's processing loop: the reflector writes into it
 * (it is a `ReflectorStore`), the informer pops from it. Implemented by {@link RealFIFO} and
 * {@link DeltaFIFO}.
 *
 * @since 0.1.0
 */
export interface InformerQueue<T> extends ReflectorStore<T> {
  /**
   * Waits for an item, removes it, runs `process` on it and resolves with it.
   *
   * @throws {@link QueueClosedError} (rejects) once the queue is closed and empty.
   */
  pop(process?: PopProcessFunction<T>): Promise<Deltas<T>>;
  /** `true` once every item of the first `replace` (or anything added before it) has been popped. */
  hasSynced(): boolean;
  /** Closes the queue: waiting and later `pop`s reject once it is empty. */
  close(): void;
  /** Whether `close` was called. */
  isClosed(): boolean;
  /** The number of items waiting (deltas for a RealFIFO, keys for a DeltaFIFO). */
  readonly length: number;
}
