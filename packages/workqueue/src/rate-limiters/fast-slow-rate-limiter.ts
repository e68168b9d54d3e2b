import type { KeyFunction } from '../queue/key-function';
import { keyResolver } from '../queue/key-function';
import type { RateLimiter } from './rate-limiter';
import { requireNumber } from '../validate-option';

/**
 * The options of {@link FastSlowRateLimiter}.
 *
 * @typeParam T - the item type.
 * @since 0.2.0
 */
export interface FastSlowRateLimiterOptions<T> {
  /** The delay of the first `maxFastAttempts` failures of an item. */
  fastMilliseconds: number;
  /** The delay of every later failure. */
  slowMilliseconds: number;
  /** How many failures get the fast delay. */
  maxFastAttempts: number;
  /** The key of an item (default: the item itself, compared as a `Map` key). */
  keyOf?: KeyFunction<T> | undefined;
}

/**
 * A fast delay for the first few failures of an item, then a slow one, as client-go's
 * `ItemFastSlowRateLimiter`.
 *
 * @typeParam T - the item type.
 * @example
 * ```ts
 * const limiter = new FastSlowRateLimiter<string>({
 *   fastMilliseconds: 5,
 *   slowMilliseconds: 10_000,
 *   maxFastAttempts: 3,
 * });
 * [1, 2, 3, 4].map(() => limiter.when('a')); // [5, 5, 5, 10000]
 * ```
 * @since 0.2.0
 */
export class FastSlowRateLimiter<T = string> implements RateLimiter<T> {
  readonly #fast: number;
  readonly #slow: number;
  readonly #maxFastAttempts: number;
  readonly #keyFor: (item: T) => unknown;
  readonly #attempts = new Map<unknown, number>();

  /**
   * @param options - the two delays, the number of fast attempts and a key function.
   * @throws {@link InvalidWorkqueueArgumentError} for a negative delay or attempt count.
   */
  constructor(options: FastSlowRateLimiterOptions<T>) {
    this.#fast = requireNumber('fastMilliseconds', options.fastMilliseconds, 0);
    this.#slow = requireNumber('slowMilliseconds', options.slowMilliseconds, 0);
    this.#maxFastAttempts = requireNumber('maxFastAttempts', options.maxFastAttempts, 0, {
      integer: true,
    });
    this.#keyFor = keyResolver(options.keyOf);
  }

  /**
   * The item's delay; records one more failure.
   *
   * @param item - the item that failed.
   * @returns milliseconds to wait.
   */
  when(item: T): number {
    const key = this.#keyFor(item);
    const attempts = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempts);
    return attempts <= this.#maxFastAttempts ? this.#fast : this.#slow;
  }

  /**
   * Forgets the item's failures.
   *
   * @param item - the item.
   */
  forget(item: T): void {
    this.#attempts.delete(this.#keyFor(item));
  }

  /**
   * The item's failures since its last `forget`.
   *
   * @param item - the item.
   * @returns the count.
   */
  numRequeues(item: T): number {
    return this.#attempts.get(this.#keyFor(item)) ?? 0;
  }
}
