/** One pending delayed item. @internal */
export interface DelayEntry<T> {
  readonly key: unknown;
  item: T;
  readyAt: number;
  // Ties on readyAt go out in the order they were first added.
  readonly sequence: number;
  index: number;
}

/**
 * A binary min-heap of delayed items on `readyAt`, with one entry per key: adding a key that
 * waits already keeps the earlier of the two times.
 *
 * @internal
 */
export class DelayHeap<T> {
  readonly #entries: DelayEntry<T>[] = [];
  readonly #byKey = new Map<unknown, DelayEntry<T>>();
  #sequence = 0;

  /** The number of pending entries. */
  get size(): number {
    return this.#entries.length;
  }

  /** The entry that is ready first, left in place. */
  peek(): DelayEntry<T> | undefined {
    return this.#entries[0];
  }

  /**
   * Adds an entry for `key`, or moves its entry earlier when `readyAt` is earlier. The newest
   * item is kept in either case.
   */
  insert(key: unknown, item: T, readyAt: number): void {
    const existing = this.#byKey.get(key);
    if (existing !== undefined) {
      existing.item = item;
      if (readyAt < existing.readyAt) {
        existing.readyAt = readyAt;
        this.#siftUp(existing.index);
      }
      return;
    }
    const entry: DelayEntry<T> = {
      key,
      item,
      readyAt,
      sequence: this.#sequence++,
      index: this.#entries.length,
    };
    this.#entries.push(entry);
    this.#byKey.set(key, entry);
    this.#siftUp(entry.index);
  }

  /** Removes and returns the entry that is ready first. */
  pop(): DelayEntry<T> | undefined {
    const entries = this.#entries;
    const top = entries[0];
    if (top === undefined) return undefined;
    const last = entries.pop() as DelayEntry<T>;
    if (last !== top) {
      last.index = 0;
      entries[0] = last;
      this.#siftDown(0);
    }
    this.#byKey.delete(top.key);
    return top;
  }

  /** Removes every entry. */
  clear(): void {
    this.#entries.length = 0;
    this.#byKey.clear();
  }

  #before(left: DelayEntry<T>, right: DelayEntry<T>): boolean {
    return (
      left.readyAt < right.readyAt ||
      (left.readyAt === right.readyAt && left.sequence < right.sequence)
    );
  }

  #siftUp(start: number): void {
    const entries = this.#entries;
    const entry = entries[start] as DelayEntry<T>;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = entries[parentIndex] as DelayEntry<T>;
      if (!this.#before(entry, parent)) break;
      entries[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    entries[index] = entry;
    entry.index = index;
  }

  #siftDown(start: number): void {
    const entries = this.#entries;
    const length = entries.length;
    const entry = entries[start] as DelayEntry<T>;
    let index = start;
    for (;;) {
      const leftIndex = 2 * index + 1;
      if (leftIndex >= length) break;
      const rightIndex = leftIndex + 1;
      let childIndex = leftIndex;
      const right = entries[rightIndex];
      if (right !== undefined && this.#before(right, entries[leftIndex] as DelayEntry<T>)) {
        childIndex = rightIndex;
      }
      const child = entries[childIndex] as DelayEntry<T>;
      if (!this.#before(child, entry)) break;
      entries[index] = child;
      child.index = index;
      index = childIndex;
    }
    entries[index] = entry;
    entry.index = index;
  }
}
