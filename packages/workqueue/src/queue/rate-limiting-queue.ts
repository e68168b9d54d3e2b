import { defaultControllerRateLimiter } from '../rate-limiters/default-controller-rate-limiter';
import { DelayingQueue } from './delaying-queue';
import type { QueueOptions } from './queue-options';
import type { RateLimiter } from '../rate-limiters/rate-limiter';

/**
 * The options of a {@link RateLimitingQueue}.
 *
 * @typeParam T - the item type.
 * @since 0.2.0
 */
export interface RateLimitingQueueOptions<T> extends QueueOptions<T> {
  /**
   * Decides each retry's delay; default {@link defaultControllerRateLimiter} (with this queue's
   * `keyOf` and `clock`). A limiter you pass keys items itself: give it the same `keyOf`.
   */
  rateLimiter?: RateLimiter<T> | undefined;
}

/**
 * A {@link DelayingQueue} that retries items with backoff, as client-go's rate-limiting queue.
 *
 * The worker loop: `get`; on success `forget(item)`; on failure `addRateLimited(item)` (often
 * only while `numRequeues(item)` is below a limit); always `done(item)`.
 *
 * @typeParam T - the item type; strings by default, objects through `keyOf`.
 * @example
 * ```ts
 * const queue = new RateLimitingQueue<string>({ name: 'config-maps' });
 * for (;;) {
 *   const { item, shutdown } = await queue.get();
 *   if (shutdown) break;
 *   try {
 *     await reconcile(item);
 *     queue.forget(item);
 *   } catch {
 *     if (queue.numRequeues(item) < 5) queue.addRateLimited(item);
 *     else queue.forget(item);
 *   } finally {
 *     queue.done(item);
 *   }
 * }
 * ```
 * @since 0.2.0
 */
export class RateLimitingQueue<T = string> extends DelayingQueue<T> {
  readonly #rateLimiter: RateLimiter<T>;

  /**
   * @param options - a rate limiter, a name, a key function and a clock; all optional.
   */
  constructor(options: RateLimitingQueueOptions<T> = {}) {
    super(options);
    this.#rateLimiter =
      options.rateLimiter ??
      defaultControllerRateLimiter<T>({ keyOf: options.keyOf, clock: this.clock });
  }

  /**
   * Adds the item after the delay its rate limiter gives (which records one more failure; a
   * bucket limiter spends a token even during shutdown, as in client-go).
   *
   * @param item - the item that failed.
   * @throws {@link WorkqueueKeyError} when the key function throws.
   * @throws {@link InvalidWorkqueueArgumentError} when a custom limiter returns a delay that is
   *   not a finite number (nothing is added).
   */
  addRateLimited(item: T): void {
    this.addAfter(item, this.#rateLimiter.when(item));
  }

  /**
   * Forgets the item's failures in the rate limiter, after a success. It does not cancel a
   * pending delayed retry, and `done` is still needed.
   *
   * @param item - the item.
   */
  forget(item: T): void {
    this.#rateLimiter.forget(item);
  }

  /**
   * How many times the item was retried since its last `forget`.
   *
   * @param item - the item.
   * @returns the rate limiter's count.
   */
  numRequeues(item: T): number {
    return this.#rateLimiter.numRequeues(item);
  }
}
