import { DelayHeap } from './delay-heap';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';
import { Queue } from './queue';
import type { QueueOptions } from './queue-options';

// Node clamps longer timeouts to 1 ms; a longer wait is armed in steps.
const maximumTimeout = 2 ** 31 - 1;

/**
 * A {@link Queue} that can also add an item later, as client-go's delaying queue.
 *
 * - `addAfter(item, milliseconds)` adds the item once the time has passed; zero or less adds it
 *   now.
 * - An item that waits twice keeps the earlier time (one pending entry per key).
 * - A pending delayed entry does not stop an immediate `add` of the same item; it still fires
 *   later and is then deduplicated, or causes one more pass.
 * - The whole queue uses one timer (a min-heap on the ready time), armed for the earliest entry.
 * - Shutdown drops every pending delayed item. Until then, the pending timer keeps the process
 *   alive, as any `setTimeout` does.
 *
 * @typeParam T - the item type; strings by default, objects through `keyOf`.
 * @example
 * ```ts
 * const queue = new DelayingQueue<string>();
 * queue.addAfter('default/web', 5_000); // handed out by get() in 5 s
 * ```
 * @since 0.2.0
 */
export class DelayingQueue<T = string> extends Queue<T> {
  readonly #waiting = new DelayHeap<T>();
  #timer: unknown = undefined;
  // When the armed timer fires; Infinity when none is armed.
  #timerAt = Number.POSITIVE_INFINITY;

  /**
   * @param options - a name, a key function and a clock (its timer fires the delayed items).
   */
  constructor(options: QueueOptions<T> = {}) {
    super(options);
  }

  /**
   * Adds an item after a delay. Does nothing after shutdown.
   *
   * @param item - the item.
   * @param milliseconds - the delay; zero or less adds the item now.
   * @throws {@link InvalidWorkqueueArgumentError} when `milliseconds` is not a finite number.
   * @throws {@link WorkqueueKeyError} when the key function throws (nothing changes).
   */
  addAfter(item: T, milliseconds: number): void {
    if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds)) {
      throw new InvalidWorkqueueArgumentError(
        'milliseconds',
        `expected a finite number of milliseconds, got ${String(milliseconds)}`,
      );
    }
    if (this.shuttingDown()) return;
    const key = this.keyFor(item);
    this.recordRetry();
    if (milliseconds <= 0) {
      this.addKeyed(key, item);
      return;
    }
    const readyAt = this.clock.now() + milliseconds;
    this.#waiting.insert(key, item, readyAt);
    if (readyAt < this.#timerAt) this.#arm(readyAt);
  }

  /** {@inheritDoc Queue.shutDown} Also drops every pending delayed item. */
  override shutDown(): void {
    this.#stop();
    super.shutDown();
  }

  /**
   * {@inheritDoc Queue.shutDownWithDrain} Also drops every pending delayed item.
   *
   * @returns a promise that resolves when nothing is being processed.
   */
  override shutDownWithDrain(): Promise<void> {
    this.#stop();
    return super.shutDownWithDrain();
  }

  #arm(readyAt: number): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timerAt = readyAt;
    const delay = Math.min(maximumTimeout, Math.max(0, Math.ceil(readyAt - this.clock.now())));
    this.#timer = this.clock.setTimeout(this.#fire, delay);
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    for (let entry = this.#waiting.peek(); entry !== undefined; entry = this.#waiting.peek()) {
      if (entry.readyAt > now) {
        this.#arm(entry.readyAt);
        return;
      }
      this.#waiting.pop();
      this.addKeyed(entry.key, entry.item);
    }
  };

  #stop(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    this.#waiting.clear();
  }
}
