import type { RateLimiter } from './rate-limiter';
import { requireNumber } from '../validate-option';

/**
 * Caps another limiter's delay, as client-go's `WithMaxWaitRateLimiter`; `forget` and
 * `numRequeues` pass through.
 *
 * @typeParam T - the item type.
 * @example
 * ```ts
 * // The default controller limiter, but never more than a minute.
 * const limiter = new MaxWaitRateLimiter(defaultControllerRateLimiter<string>(), 60_000);
 * ```
 * @since 0.2.0
 */
export class MaxWaitRateLimiter<T = string> implements RateLimiter<T> {
  readonly #limiter: RateLimiter<T>;
  readonly #maxMilliseconds: number;

  /**
   * @param limiter - the limiter to cap.
   * @param maxMilliseconds - the longest delay.
   * @throws {@link InvalidWorkqueueArgumentError} for a negative maximum.
   */
  constructor(limiter: RateLimiter<T>, maxMilliseconds: number) {
    this.#limiter = limiter;
    this.#maxMilliseconds = requireNumber('maxMilliseconds', maxMilliseconds, 0);
  }

  /**
   * The item's delay; records one more failure.
   *
   * @param item - the item that failed.
   * @returns milliseconds to wait.
   */
  when(item: T): number {
    return Math.min(this.#limiter.when(item), this.#maxMilliseconds);
  }

  /**
   * Forgets the item's failures.
   *
   * @param item - the item.
   */
  forget(item: T): void {
    this.#limiter.forget(item);
  }

  /**
   * The item's failures since its last `forget`.
   *
   * @param item - the item.
   * @returns the count.
   */
  numRequeues(item: T): number {
    return this.#limiter.numRequeues(item);
  }
}
