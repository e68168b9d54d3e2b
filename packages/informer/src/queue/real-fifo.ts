import { DeletedFinalStateUnknown, metaNamespaceKeyFunc } from '@kube-cache/indexer';
import type { Delta, Deltas, DeltaType } from './delta';
import { Deque } from './deque';
import { QueueLifecycle } from './queue-lifecycle';
import { keyOfQueued, objectKey, transformIncoming } from './queue-support';
import type {
  InformerQueue,
  KeyListerGetter,
  PopProcessFunction,
  QueueKeyFunction,
  TransformFunction,
} from './queue-types';

/**
 * The options of a {@link RealFIFO} or a {@link DeltaFIFO}.
 *
 * @since 0.1.0
 */
export interface FifoOptions<T> {
  /**
   * The key of an object; must agree with the cache's key function. Default `metaNamespaceKeyFunc`
   * (`namespace/name`, or `name` for cluster-scoped objects).
   */
  keyFunction?: QueueKeyFunction<T> | undefined;
  /** The objects already known (the informer's cache); absent: nothing is known. */
  knownObjects?: KeyListerGetter<T> | undefined;
  /** Applied once to each object on its way in (never to tombstones or resyncs). */
  transform?: TransformFunction<T> | undefined;
}

/**
 * client-go's RealFIFO (the default queue of informers since Kubernetes 1.33): every event is
 * kept, in arrival order, with no per-key coalescing. `pop` hands out one delta at a time.
 *
 * - `add`, `update` and `delete` always append (`Added`, `Updated`, `Deleted`).
 * - `replace(list)` first appends a `Deleted` tombstone ({@link DeletedFinalStateUnknown}) for
 *   every queued key missing from `list` (unless its last queued delta is already a delete), then
 *   for every known key missing from `list` and not queued, then `Replaced` for each listed
 *   object. After the first `replace`, `hasSynced` turns true once all it queued was popped.
 * - `resync()` appends `Sync` for every known object with nothing queued.
 * - The transform is applied once to every object on the way in; a failing transform throws a
 *   {@link TransformError} and queues nothing.
 *
 * @example
 * ```ts
 * const cache = new Cache<V1Pod>(deletionHandlingMetaNamespaceKeyFunc);
 * const queue = new RealFIFO<V1Pod>({ knownObjects: cache });
 * queue.add(pod);
 * const [delta] = await queue.pop();
 * console.log(delta?.type); // Added
 * ```
 * @since 0.1.0
 */
export class RealFIFO<T> implements InformerQueue<T> {
  readonly #keyFunction: QueueKeyFunction<T>;
  readonly #knownObjects: KeyListerGetter<T> | undefined;
  readonly #transform: TransformFunction<T> | undefined;
  readonly #items = new Deque<Delta<T>>();
  readonly #lifecycle = new QueueLifecycle('RealFIFO');

  /**
   * @param options - the key function, the known objects and the transform.
   */
  constructor(options: FifoOptions<T> = {}) {
    this.#keyFunction = options.keyFunction ?? metaNamespaceKeyFunc;
    this.#knownObjects = options.knownObjects;
    this.#transform = options.transform;
  }

  /** The number of deltas waiting. */
  get length(): number {
    return this.#items.length;
  }

  /**
   * Appends an `Added` delta.
   *
   * @param object - the object.
   * @throws the key function's error, or {@link TransformError}; nothing is queued then.
   */
  add(object: T): void {
    this.#append('Added', object);
    this.#lifecycle.markPopulated();
  }

  /**
   * Appends an `Updated` delta.
   *
   * @param object - the object.
   * @throws the key function's error, or {@link TransformError}; nothing is queued then.
   */
  update(object: T): void {
    this.#append('Updated', object);
    this.#lifecycle.markPopulated();
  }

  /**
   * Appends a `Deleted` delta (always, known or not).
   *
   * @param object - the object or a tombstone.
   * @throws the key function's error, or {@link TransformError}; nothing is queued then.
   */
  delete(object: T | DeletedFinalStateUnknown<T>): void {
    this.#append('Deleted', object);
    this.#lifecycle.markPopulated();
  }

  /**
   * Queues tombstones for vanished objects, then `Replaced` for every listed object. All or
   * nothing: if a key or a transform fails, nothing is queued.
   *
   * @param list - the complete current set of objects.
   * @param _resourceVersion - the list's resourceVersion (unused).
   * @throws the key function's error, or {@link TransformError}.
   */
  replace(list: readonly T[], _resourceVersion: string): void {
    const newKeys = new Set<string>();
    const replaced: Delta<T>[] = [];
    for (const object of list) {
      const key = this.#keyFunction(object);
      newKeys.add(key);
      replaced.push({ type: 'Replaced', object: transformIncoming(this.#transform, key, object) });
    }
    const lastQueued = new Map<string, Delta<T>>();
    for (const delta of this.#items)
      lastQueued.set(objectKey(this.#keyFunction, delta.object), delta);

    const deletions: Delta<T>[] = [];
    for (const [key, delta] of lastQueued) {
      if (newKeys.has(key) || delta.type === 'Deleted') continue;
      const last = DeletedFinalStateUnknown.isInstance<T>(delta.object)
        ? delta.object.object
        : delta.object;
      deletions.push({ type: 'Deleted', object: new DeletedFinalStateUnknown(key, last) });
    }
    for (const key of this.#knownObjects?.listKeys() ?? []) {
      if (newKeys.has(key) || lastQueued.has(key)) continue;
      // A key listed but no longer found still gets a tombstone, with no object (as client-go).
      const known = this.#knownObjects?.getByKey(key) as T;
      deletions.push({ type: 'Deleted', object: new DeletedFinalStateUnknown(key, known) });
    }

    for (const delta of deletions) this.#items.push(delta);
    for (const delta of replaced) this.#items.push(delta);
    this.#lifecycle.markInitialList(this.#items.length);
    this.#lifecycle.notify();
  }

  /**
   * Appends `Sync` for every known object that has nothing queued.
   *
   * @throws the key function's error.
   */
  resync(): void {
    const knownObjects = this.#knownObjects;
    if (knownObjects === undefined) return;
    const queuedKeys = new Set<string>();
    for (const delta of this.#items) queuedKeys.add(objectKey(this.#keyFunction, delta.object));
    let added = false;
    for (const key of knownObjects.listKeys()) {
      if (queuedKeys.has(key)) continue;
      const known = knownObjects.getByKey(key);
      if (known === undefined) continue;
      this.#items.push({ type: 'Sync', object: known });
      added = true;
    }
    if (added) this.#lifecycle.notify();
  }

  /**
   * Waits for a delta, removes it, runs `process` on it and resolves with it (a one-delta list).
   * Items still queued when the queue is closed are handed out before the queue reports closed.
   *
   * @param process - called with the delta and whether it belongs to the initial list; awaited
   *   when it returns a promise. Its error rejects the `pop` (the item is not requeued).
   * @returns the delta, as a one-element list.
   * @throws {@link QueueClosedError} (rejects) once closed and empty.
   */
  pop(process?: PopProcessFunction<T>): Promise<Deltas<T>> {
    return this.#lifecycle.pop(() => {
      const delta = this.#items.shift();
      return delta === undefined ? undefined : [delta];
    }, process);
  }

  /**
   * Whether the first `replace` (or an earlier add/update/delete) happened and everything it
   * queued has been popped and processed.
   *
   * @returns `true` once synced.
   */
  hasSynced(): boolean {
    return this.#lifecycle.hasSynced();
  }

  /** Closes the queue; a waiting `pop` rejects with {@link QueueClosedError} once empty. */
  close(): void {
    this.#lifecycle.close();
  }

  /**
   * @returns whether {@link RealFIFO.close} was called.
   */
  isClosed(): boolean {
    return this.#lifecycle.isClosed();
  }

  /**
   * client-go's `KeyOf`: the key of an object, a tombstone or a delta list (its newest delta).
   *
   * @param value - the object, tombstone or deltas.
   * @returns the key.
   * @throws {@link EmptyDeltasError} for an empty list, or the key function's error.
   */
  keyOf(value: T | DeletedFinalStateUnknown<T> | Deltas<T>): string {
    return keyOfQueued(this.#keyFunction, value);
  }

  /**
   * The deltas waiting, oldest first (a copy), for inspection and tests.
   *
   * @returns the queued deltas.
   */
  queuedDeltas(): Delta<T>[] {
    return [...this.#items];
  }

  #append(type: DeltaType, object: T | DeletedFinalStateUnknown<T>): void {
    const key = objectKey(this.#keyFunction, object);
    this.#items.push({ type, object: transformIncoming(this.#transform, key, object) });
    this.#lifecycle.notify();
  }
}
