// The baseline of the throughput benchmark: what people write by hand, an Array + Set queue. It
// deduplicates waiting items but keeps none of the other guarantees: an item added while a worker
// holds it goes to a second worker at once, and there is no done, drain or metrics.
export class NaiveQueue {
  readonly #items: string[] = [];
  readonly #waiting = new Set<string>();
  readonly #waiters: ((result: { item: string; shutdown: false } | { shutdown: true }) => void)[] =
    [];
  #shutdown = false;

  add(item: string): void {
    if (this.#shutdown || this.#waiting.has(item)) return;
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      waiter({ item, shutdown: false });
      return;
    }
    this.#waiting.add(item);
    this.#items.push(item);
  }

  get(): Promise<{ item: string; shutdown: false } | { shutdown: true }> {
    const item = this.#items.shift();
    if (item !== undefined) {
      this.#waiting.delete(item);
      return Promise.resolve({ item, shutdown: false });
    }
    if (this.#shutdown) return Promise.resolve({ shutdown: true });
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  done(_item: string): void {}

  shutDown(): void {
    this.#shutdown = true;
    for (const waiter of this.#waiters.splice(0)) waiter({ shutdown: true });
  }
}
