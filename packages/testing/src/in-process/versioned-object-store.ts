/**
 * One recorded change: the event type, the object as stored after it (with the change's
 * resourceVersion) and the object as it was before (absent for an `ADDED`).
 *
 * @since 0.1.0
 */
export interface HistoryEntry<T> {
  readonly resourceVersion: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly key: string;
  readonly object: T;
  readonly previous: T | undefined;
}

/**
 * The state of a fake resource and its change history, MVCC-style: every change gets the next
 * integer resourceVersion, history is kept for the last `historyLimit` changes, and the state at
 * any retained resourceVersion can be rebuilt by undoing the later changes.
 *
 * Invariant: the history holds exactly the changes `compactedThrough + 1 .. resourceVersion`, so
 * the entry of resourceVersion `r` sits at index `offset + r - compactedThrough - 1`.
 *
 * @typeParam T - the object type.
 * @since 0.1.0
 */
export class VersionedObjectStore<T> {
  readonly #objects = new Map<string, T>();
  #history: HistoryEntry<T>[] = [];
  /** Entries before this index are compacted; the array is trimmed lazily to keep compaction O(1). */
  #offset = 0;
  #resourceVersion: number;
  #compactedThrough: number;
  readonly #historyLimit: number;

  /**
   * @param startResourceVersion - the resourceVersion of the empty state.
   * @param historyLimit - how many changes to keep; older ones are compacted away.
   */
  constructor(startResourceVersion: number, historyLimit: number) {
    this.#resourceVersion = startResourceVersion;
    this.#compactedThrough = startResourceVersion;
    this.#historyLimit = historyLimit;
  }

  /** The resourceVersion of the latest change. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  /** The newest resourceVersion whose following changes are all retained (the oldest usable one). */
  get compactedThrough(): number {
    return this.#compactedThrough;
  }

  /** The number of stored objects. */
  get size(): number {
    return this.#objects.size;
  }

  /**
   * @param key - an object key.
   * @returns the stored object, or `undefined`.
   */
  get(key: string): T | undefined {
    return this.#objects.get(key);
  }

  /** @returns the stored objects (not copies). */
  values(): IterableIterator<T> {
    return this.#objects.values();
  }

  /** @returns the next resourceVersion that {@link record} will assign. */
  nextResourceVersion(): number {
    return this.#resourceVersion + 1;
  }

  /**
   * Applies and records a change. `object` must already carry the next resourceVersion.
   *
   * @param type - the event type.
   * @param key - the object's key.
   * @param object - the object after the change (for `DELETED`, its last state).
   * @returns the recorded entry.
   */
  record(type: HistoryEntry<T>['type'], key: string, object: T): HistoryEntry<T> {
    const previous = this.#objects.get(key);
    this.#resourceVersion += 1;
    if (type === 'DELETED') this.#objects.delete(key);
    else this.#objects.set(key, object);
    const entry: HistoryEntry<T> = {
      resourceVersion: this.#resourceVersion,
      type,
      key,
      object,
      previous,
    };
    this.#history.push(entry);
    if (this.#history.length - this.#offset > this.#historyLimit) {
      this.compact(this.#resourceVersion - this.#historyLimit);
    }
    return entry;
  }

  /**
   * Whether the changes after `resourceVersion` are all retained (so a watch can replay them and a
   * list can rebuild the state at it).
   *
   * @param resourceVersion - a resourceVersion not above the current one.
   * @returns `false` when it was compacted away.
   */
  isRetained(resourceVersion: number): boolean {
    return resourceVersion >= this.#compactedThrough;
  }

  /**
   * @param resourceVersion - a retained resourceVersion.
   * @returns the changes after it, oldest first.
   */
  changesAfter(resourceVersion: number): readonly HistoryEntry<T>[] {
    return this.#history.slice(
      this.#offset + Math.max(0, resourceVersion - this.#compactedThrough),
    );
  }

  /**
   * Rebuilds the state at a retained resourceVersion by undoing the later changes.
   *
   * @param resourceVersion - a retained resourceVersion, not above the current one.
   * @returns the objects by key, as they were at `resourceVersion`.
   */
  snapshotAt(resourceVersion: number): Map<string, T> {
    const snapshot = new Map(this.#objects);
    const later = this.changesAfter(resourceVersion);
    for (let index = later.length - 1; index >= 0; index -= 1) {
      const entry = later[index];
      if (entry === undefined) continue;
      if (entry.previous === undefined) snapshot.delete(entry.key);
      else snapshot.set(entry.key, entry.previous);
    }
    return snapshot;
  }

  /**
   * Forgets the changes up to and including `resourceVersion` (clamped to the current one).
   *
   * @param resourceVersion - the newest resourceVersion to forget.
   */
  compact(resourceVersion: number): void {
    const target = Math.min(resourceVersion, this.#resourceVersion);
    if (target <= this.#compactedThrough) return;
    this.#offset += target - this.#compactedThrough;
    this.#compactedThrough = target;
    if (this.#offset > 1024 && this.#offset * 2 > this.#history.length) {
      this.#history = this.#history.slice(this.#offset);
      this.#offset = 0;
    }
  }
}
