import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';
import type { RateLimiter } from './rate-limiter';

/**
 * The longest delay of several limiters, as client-go's `MaxOfRateLimiter`. `when` asks every
 * limiter (each records the failure, a bucket spends a token), `numRequeues` is the largest
 * count, `forget` forgets in all.
 *
 * @typeParam T - the item type.
 * @example
 * ```ts
 * const limiter = new MaxOfRateLimiter<string>(
 *   new ExponentialFailureRateLimiter({ baseMilliseconds: 5, maxMilliseconds: 1_000_000 }),
 *   new BucketRateLimiter({ qps: 10, burst: 100 }),
 * );
 * ```
 * @since 0.2.0
 */
export class MaxOfRateLimiter<T = string> implements RateLimiter<T> {
  readonly #limiters: readonly RateLimiter<T>[];

  /**
   * @param limiters - one or more limiters.
   * @throws {@link InvalidWorkqueueArgumentError} when there is none.
   */
  constructor(...limiters: RateLimiter<T>[]) {
    if (limiters.length === 0) {
      throw new InvalidWorkqueueArgumentError('limiters', 'expected at least one rate limiter');
    }
    this.#limiters = limiters;
  }

  /**
   * The item's delay; records one more failure.
   *
   * @param item - the item that failed.
   * @returns milliseconds to wait.
   */
  when(item: T): number {
    let longest = 0;
    for (const limiter of this.#limiters) longest = Math.max(longest, limiter.when(item));
    return longest;
  }

  /**
   * Forgets the item's failures.
   *
   * @param item - the item.
   */
  forget(item: T): void {
    for (const limiter of this.#limiters) limiter.forget(item);
  }

  /**
   * The item's failures since its last `forget`.
   *
   * @param item - the item.
   * @returns the count.
   */
  numRequeues(item: T): number {
    let most = 0;
    for (const limiter of this.#limiters) most = Math.max(most, limiter.numRequeues(item));
    return most;
  }
}
