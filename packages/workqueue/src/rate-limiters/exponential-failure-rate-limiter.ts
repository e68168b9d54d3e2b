import type { KeyFunction } from '../queue/key-function';
import { keyResolver } from '../queue/key-function';
import type { RateLimiter } from './rate-limiter';
import { InvalidWorkqueueArgumentError } from '../errors/invalid-workqueue-argument-error';
import { requireNumber } from '../validate-option';

/**
 * The options of {@link ExponentialFailureRateLimiter}.
 *
 * @typeParam T - the item type.
 * @since 0.2.0
 */
export interface ExponentialFailureRateLimiterOptions<T> {
  /** The delay of the first failure; default 5 ms (client-go's controller default). */
  baseMilliseconds?: number | undefined;
  /** The longest delay; default 1,000,000 ms (1000 s). */
  maxMilliseconds?: number | undefined;
  /** The key of an item (default: the item itself, compared as a `Map` key). */
  keyOf?: KeyFunction<T> | undefined;
}

/**
 * Per-item exponential backoff, as client-go's `ItemExponentialFailureRateLimiter`: the n-th
 * failure of an item (counting from 0) waits `base * 2^n`, capped at `max`. The first failure waits
 * `base`; with the defaults the delays run 5 ms, 10 ms, 20 ms, ... and reach the 1000 s cap on the
 * 19th failure.
 *
 * @typeParam T - the item type.
 * @example
 * ```ts
 * const limiter = new ExponentialFailureRateLimiter<string>({ baseMilliseconds: 1, maxMilliseconds: 1_000 });
 * limiter.when('a'); // 1
 * limiter.when('a'); // 2
 * limiter.numRequeues('a'); // 2
 * ```
 * @since 0.2.0
 */
export class ExponentialFailureRateLimiter<T = string> implements RateLimiter<T> {
  readonly #base: number;
  readonly #max: number;
  readonly #keyFor: (item: T) => unknown;
  readonly #failures = new Map<unknown, number>();

  /**
   * @param options - the base and maximum delays and a key function; all optional.
   * @throws {@link InvalidWorkqueueArgumentError} for a negative base or a maximum below it.
   */
  constructor(options: ExponentialFailureRateLimiterOptions<T> = {}) {
    this.#base = requireNumber('baseMilliseconds', options.baseMilliseconds ?? 5, 0);
    this.#max = requireNumber('maxMilliseconds', options.maxMilliseconds ?? 1_000_000, 0);
    if (this.#max < this.#base) {
      throw new InvalidWorkqueueArgumentError(
        'maxMilliseconds',
        `must not be below baseMilliseconds (${this.#base}), got ${this.#max}`,
      );
    }
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
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    // A zero base stays zero (0 * 2 ** 1024 would be 0 * Infinity, NaN).
    if (this.#base === 0) return 0;
    // 2 ** failures becomes Infinity after 1023 failures; the cap catches it.
    const delay = this.#base * 2 ** failures;
    return delay > this.#max ? this.#max : delay;
  }

  /**
   * Forgets the item's failures.
   *
   * @param item - the item.
   */
  forget(item: T): void {
    this.#failures.delete(this.#keyFor(item));
  }

  /**
   * The item's failures since its last `forget`.
   *
   * @param item - the item.
   * @returns the count.
   */
  numRequeues(item: T): number {
    return this.#failures.get(this.#keyFor(item)) ?? 0;
  }
}
