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
import type { FifoOptions } from './real-fifo';

/**
 * The options of a {@link DeltaFIFO}: those of every FIFO, plus which type `replace` emits.
 *
 * @since 0.1.0
 */
export interface DeltaFifoOptions<T> extends FifoOptions<T> {
  /**
   * `replace` queues `Replaced` deltas when `true` (what informers use), `Sync` deltas when
   * `false` (client-go's backwards-compatible default). Default `true`.
   */
  emitDeltaTypeReplaced?: boolean | undefined;
}

/**
 * client-go's DeltaFIFO: per-key accumulated deltas, handed out one key at a time, in the order
 * keys were first queued (a key queued again before it was popped keeps its place).
 *
 * - `add`/`update` append `Added`/`Updated`. `delete` appends `Deleted` unless the key is neither
 *   queued nor known (then it is a no-op). Two deletes in a row collapse into one (a real delete
 *   wins over a tombstone).
 * - `replace(list)` appends `Replaced` (or `Sync`) for each listed object, then a `Deleted`
 *   {@link DeletedFinalStateUnknown} for every queued key missing from `list`, then for every
 *   known key missing from `list` with nothing queued. After the first `replace`, `hasSynced`
 *   turns true once all those keys were popped.
 * - `resync()` appends `Sync` for every known object with nothing queued.
 * - `pop` hands out the whole delta list of the oldest key.
 *
 * @example
 * ```ts
 * const queue = new DeltaFIFO<V1Pod>({});
 * queue.add(podV1);
 * queue.update(podV2);
 * const deltas = await queue.pop();
 * console.log(deltas.map((delta) => delta.type)); // ['Added', 'Updated']
 * ```
 * @since 0.1.0
 */
export class DeltaFIFO<T> implements InformerQueue<T> {
  readonly #keyFunction: QueueKeyFunction<T>;
  readonly #knownObjects: KeyListerGetter<T> | undefined;
  readonly #transform: TransformFunction<T> | undefined;
  readonly #replaceType: DeltaType;
  readonly #items = new Map<string, Delta<T>[]>();
  readonly #queue = new Deque<string>();
  readonly #lifecycle = new QueueLifecycle('DeltaFIFO');

  /**
   * @param options - the key function, the known objects, the transform and the replace type.
   */
  constructor(options: DeltaFifoOptions<T> = {}) {
    this.#keyFunction = options.keyFunction ?? metaNamespaceKeyFunc;
    this.#knownObjects = options.knownObjects;
    this.#transform = options.transform;
    this.#replaceType = options.emitDeltaTypeReplaced === false ? 'Sync' : 'Replaced';
  }

  /** The number of keys waiting. */
  get length(): number {
    return this.#queue.length;
  }

  /**
   * Appends an `Added` delta to the object's key.
   *
   * @param object - the object.
   * @throws the key function's error, or {@link TransformError}; nothing is queued then.
   */
  add(object: T): void {
    const key = this.#keyFunction(object);
    this.#queueAction(key, 'Added', transformIncoming(this.#transform, key, object));
    this.#lifecycle.markPopulated();
  }

  /**
   * Appends an `Updated` delta to the object's key.
   *
   * @param object - the object.
   * @throws the key function's error, or {@link TransformError}; nothing is queued then.
   */
  update(object: T): void {
    const key = this.#keyFunction(object);
    this.#queueAction(key, 'Updated', transformIncoming(this.#transform, key, object));
    this.#lifecycle.markPopulated();
  }

  /**
   * Appends a `Deleted` delta, unless the key is neither queued nor known: that delete was
   * presumably already reported by a relist.
   *
   * @param object - the object or a tombstone.
   * @throws the key function's error, or {@link TransformError}; nothing is queued then.
   */
  delete(object: T | DeletedFinalStateUnknown<T>): void {
    const key = objectKey(this.#keyFunction, object);
    this.#lifecycle.markPopulated();
    const queued = this.#items.has(key);
    const known = this.#knownObjects?.getByKey(key) !== undefined;
    if (!queued && !known) return;
    this.#queueAction(key, 'Deleted', transformIncoming(this.#transform, key, object));
  }

  /**
   * Queues `Replaced` (or `Sync`) for each listed object and tombstones for vanished ones. All or
   * nothing: if a key or a transform fails, nothing is queued.
   *
   * @param list - the complete current set of objects.
   * @param _resourceVersion - the list's resourceVersion (unused).
   * @throws the key function's error, or {@link TransformError}.
   */
  replace(list: readonly T[], _resourceVersion: string): void {
    const listed: [string, T | DeletedFinalStateUnknown<T>][] = [];
    const keys = new Set<string>();
    for (const object of list) {
      const key = this.#keyFunction(object);
      keys.add(key);
      listed.push([key, transformIncoming(this.#transform, key, object)]);
    }
    for (const [key, object] of listed) this.#queueAction(key, this.#replaceType, object);

    let queuedDeletions = 0;
    // In queue order, so that tombstones come out in a predictable order.
    for (const key of [...this.#queue]) {
      if (keys.has(key)) continue;
      const newest = this.#items.get(key)?.at(-1)?.object;
      const last = DeletedFinalStateUnknown.isInstance<T>(newest) ? newest.object : newest;
      queuedDeletions += 1;
      this.#queueAction(key, 'Deleted', new DeletedFinalStateUnknown(key, last as T));
    }
    for (const key of this.#knownObjects?.listKeys() ?? []) {
      if (keys.has(key) || this.#items.has(key)) continue;
      // A key listed but no longer found still gets a tombstone, with no object (as client-go).
      const known = this.#knownObjects?.getByKey(key) as T;
      queuedDeletions += 1;
      this.#queueAction(key, 'Deleted', new DeletedFinalStateUnknown(key, known));
    }
    this.#lifecycle.markInitialList(keys.size + queuedDeletions);
  }

  /**
   * Appends `Sync` for every known object whose key has nothing queued (a queued delta is newer
   * than the cache, so a resync would carry a stale object).
   *
   * @throws the key function's error.
   */
  resync(): void {
    const knownObjects = this.#knownObjects;
    if (knownObjects === undefined) return;
    for (const key of knownObjects.listKeys()) {
      const known = knownObjects.getByKey(key);
      if (known === undefined) continue;
      const id = this.#keyFunction(known);
      if (this.#items.has(id)) continue;
      this.#queueAction(id, 'Sync', known);
    }
  }

  /**
   * Waits for a key, removes all its deltas, runs `process` on them and resolves with them.
   * Items still queued when the queue is closed are handed out before it reports closed.
   *
   * @param process - called with the deltas and whether they belong to the initial list;
   *   awaited when it returns a promise. Its error rejects the `pop` (nothing is requeued).
   * @returns the deltas of one key, oldest first.
   * @throws {@link QueueClosedError} (rejects) once closed and empty.
   */
  pop(process?: PopProcessFunction<T>): Promise<Deltas<T>> {
    return this.#lifecycle.pop(() => {
      const key = this.#queue.shift();
      if (key === undefined) return undefined;
      const deltas = this.#items.get(key) ?? [];
      this.#items.delete(key);
      return deltas;
    }, process);
  }

  /**
   * Whether the first `replace` (or an earlier add/update/delete) happened and every key it
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
   * @returns whether {@link DeltaFIFO.close} was called.
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
   * The queued keys, in the order they will be popped.
   *
   * @returns the keys.
   */
  listKeys(): string[] {
    return [...this.#queue];
  }

  /**
   * The deltas queued for a key (a copy), for inspection and tests.
   *
   * @param key - the key.
   * @returns the deltas, oldest first, or `undefined` when nothing is queued for `key`.
   */
  deltasFor(key: string): Delta<T>[] | undefined {
    const deltas = this.#items.get(key);
    return deltas === undefined ? undefined : [...deltas];
  }

  #queueAction(key: string, type: DeltaType, object: T | DeletedFinalStateUnknown<T>): void {
    const existing = this.#items.get(key);
    if (existing === undefined) {
      this.#items.set(key, [{ type, object }]);
      this.#queue.push(key);
    } else {
      existing.push({ type, object });
      deduplicateDeletions(existing);
    }
    this.#lifecycle.notify();
  }
}

/**
 * client-go's `dedupDeltas`: when the last two deltas are both deletes, keep one: the older, unless
 * the older is a tombstone (then the newer, which carries more information).
 */
function deduplicateDeletions<T>(deltas: Delta<T>[]): void {
  const count = deltas.length;
  if (count < 2) return;
  const newer = deltas[count - 1] as Delta<T>;
  const older = deltas[count - 2] as Delta<T>;
  if (newer.type !== 'Deleted' || older.type !== 'Deleted') return;
  deltas[count - 2] = DeletedFinalStateUnknown.isInstance(older.object) ? newer : older;
  deltas.pop();
}
