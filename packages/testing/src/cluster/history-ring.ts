/**
 * A bounded, append-only history of items ordered by a strictly increasing `resourceVersion`,
 * with a binary search for "everything after RV n". The oldest items fall out when the limit is
 * passed, and the caller is told which, to prune what they reference.
 */
export class HistoryRing<T extends { readonly resourceVersion: number }> {
  readonly #limit: number;
  #items: T[] = [];
  #head = 0;

  /**
   * @param limit - how many items to retain (0 keeps none: every change is compacted at once).
   */
  constructor(limit: number) {
    this.#limit = Math.max(0, Math.floor(limit));
  }

  /** How many items are retained. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /**
   * Appends an item; its resourceVersion must be greater than the last one's.
   *
   * @param item - the item.
   * @returns the items that fell out of the history, oldest first.
   */
  push(item: T): T[] {
    this.#items.push(item);
    const dropped: T[] = [];
    while (this.size > this.#limit) {
      const oldest = this.#items[this.#head];
      if (oldest !== undefined) dropped.push(oldest);
      this.#head += 1;
    }
    // Reclaim the dead prefix now and then, so pushes stay amortised O(1).
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return dropped;
  }

  /**
   * The retained items with a resourceVersion greater than `resourceVersion`, oldest first.
   *
   * @param resourceVersion - the exclusive lower bound.
   * @returns a new array.
   */
  after(resourceVersion: number): T[] {
    let low = this.#head;
    let high = this.#items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#items[middle]?.resourceVersion ?? Infinity) <= resourceVersion) low = middle + 1;
      else high = middle;
    }
    return this.#items.slice(low);
  }

  /**
   * Forgets the items up to and including a resourceVersion.
   *
   * @param resourceVersion - the newest resourceVersion to forget.
   * @returns the forgotten items, oldest first.
   */
  dropThrough(resourceVersion: number): T[] {
    const dropped: T[] = [];
    for (
      let oldest = this.#items[this.#head];
      oldest !== undefined;
      oldest = this.#items[this.#head]
    ) {
      if (oldest.resourceVersion > resourceVersion) break;
      dropped.push(oldest);
      this.#head += 1;
    }
    if (this.#head === this.#items.length) this.clear();
    return dropped;
  }

  /** Forgets everything. */
  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
