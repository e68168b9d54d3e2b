/**
 * A growable ring buffer: O(1) `push` and `shift`, with the vacated slot cleared so that a taken
 * item can be garbage-collected at once.
 *
 * @internal
 */
export class FifoBuffer<T> {
  #slots: (T | undefined)[] = new Array<T | undefined>(16);
  #head = 0;
  #length = 0;

  /** The number of items held. */
  get length(): number {
    return this.#length;
  }

  /** Appends an item at the tail. */
  push(item: T): void {
    if (this.#length === this.#slots.length) this.#grow();
    this.#slots[(this.#head + this.#length) & (this.#slots.length - 1)] = item;
    this.#length += 1;
  }

  /** Removes and returns the head; `undefined` when empty. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const item = this.#slots[this.#head];
    this.#slots[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#slots.length - 1);
    this.#length -= 1;
    return item;
  }

  /** Removes every item. */
  clear(): void {
    this.#slots = new Array<T | undefined>(16);
    this.#head = 0;
    this.#length = 0;
  }

  // The capacity stays a power of two, so the index wraps with a mask.
  #grow(): void {
    const slots = new Array<T | undefined>(this.#slots.length * 2);
    for (let index = 0; index < this.#length; index += 1) {
      slots[index] = this.#slots[(this.#head + index) & (this.#slots.length - 1)];
    }
    this.#slots = slots;
    this.#head = 0;
  }
}
