/**
 * An unbounded first-in first-out buffer with O(1) `push` and `shift` (an array with a moving
 * head, compacted once half of it is dead), and iteration from oldest to newest.
 *
 * @internal
 */
export class Deque<T> implements Iterable<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  /** The number of items held. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /**
   * Appends an item at the end.
   *
   * @param item - the item.
   */
  push(item: T): void {
    this.#items.push(item);
  }

  /**
   * Removes and returns the oldest item.
   *
   * @returns the item, or `undefined` when empty.
   */
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    // Drop the reference so the object can be collected before the array is compacted.
    this.#items[this.#head] = undefined;
    this.#head += 1;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /**
   * The oldest item, left in place.
   *
   * @returns the item, or `undefined` when empty.
   */
  peek(): T | undefined {
    return this.#head < this.#items.length ? this.#items[this.#head] : undefined;
  }

  /** Removes every item. */
  clear(): void {
    this.#items = [];
    this.#head = 0;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let index = this.#head; index < this.#items.length; index += 1) {
      yield this.#items[index] as T;
    }
  }
}
