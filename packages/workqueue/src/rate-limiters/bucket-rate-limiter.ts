import type { RateLimiter } from './rate-limiter';
import { requireNumber } from '../validate-option';
import { realClock } from '../workqueue-clock';
import type { WorkqueueClock } from '../workqueue-clock';

/**
 * The options of {@link BucketRateLimiter}.
 *
 * @since 0.2.0
 */
export interface BucketRateLimiterOptions {
  /** Tokens added per second; default 10. */
  qps?: number | undefined;
  /** The bucket's size, and its content at the start; default 100. */
  burst?: number | undefined;
  /** The time source; default {@link realClock}. */
  clock?: Pick<WorkqueueClock, 'now'> | undefined;
}

/**
 * One token bucket for all items, as client-go's `BucketRateLimiter` over `golang.org/x/time/rate`:
 * the bucket starts full (`burst` tokens) and refills at `qps` tokens a second; every `when` takes
 * a token, and when none is left it reserves the next one, so the count goes negative and each
 * call waits 1/qps longer than the one before. Every call spends a token, even for an item that
 * is then deduplicated, and nothing gives a token back. `numRequeues` is always 0; `forget` does
 * nothing.
 *
 * @typeParam T - the item type (not looked at).
 * @example
 * ```ts
 * const limiter = new BucketRateLimiter({ qps: 10, burst: 100 });
 * // 100 calls in a row get 0 ms, the next ones 100 ms, 200 ms, 300 ms, ...
 * ```
 * @since 0.2.0
 */
export class BucketRateLimiter<T = string> implements RateLimiter<T> {
  readonly #tokensPerMillisecond: number;
  readonly #burst: number;
  readonly #clock: Pick<WorkqueueClock, 'now'>;
  #tokens: number;
  #last: number | undefined = undefined;

  /**
   * @param options - the rate, the burst and a clock; all optional.
   * @throws {@link InvalidWorkqueueArgumentError} for a rate that is not above 0 or a burst that
   * is not a positive integer.
   */
  constructor(options: BucketRateLimiterOptions = {}) {
    const qps = requireNumber('qps', options.qps ?? 10, 0, { exclusive: true });
    this.#burst = requireNumber('burst', options.burst ?? 100, 1, { integer: true });
    this.#tokensPerMillisecond = qps / 1000;
    this.#tokens = this.#burst;
    this.#clock = options.clock ?? realClock;
  }

  /**
   * Takes a token (the item is not looked at).
   *
   * @returns milliseconds until the token is there (0 while the bucket has tokens).
   */
  when(_item: T): number {
    const now = this.#clock.now();
    if (this.#last !== undefined && now > this.#last) {
      this.#tokens = Math.min(
        this.#burst,
        this.#tokens + (now - this.#last) * this.#tokensPerMillisecond,
      );
    }
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : -this.#tokens / this.#tokensPerMillisecond;
  }

  /** Does nothing: the bucket has no per-item memory. */
  forget(_item: T): void {}

  /**
   * Always 0: the bucket has no per-item memory.
   *
   * @returns 0.
   */
  numRequeues(_item: T): number {
    return 0;
  }
}
