import { BucketRateLimiter } from './bucket-rate-limiter';
import { ExponentialFailureRateLimiter } from './exponential-failure-rate-limiter';
import type { KeyFunction } from '../queue/key-function';
import { MaxOfRateLimiter } from './max-of-rate-limiter';
import type { RateLimiter } from './rate-limiter';
import type { WorkqueueClock } from '../workqueue-clock';

/**
 * The options of {@link defaultControllerRateLimiter}.
 *
 * @typeParam T - the item type.
 * @since 0.2.0
 */
export interface DefaultControllerRateLimiterOptions<T> {
  /** The key of an item, for the per-item backoff. */
  keyOf?: KeyFunction<T> | undefined;
  /** The bucket's time source; default {@link realClock}. */
  clock?: Pick<WorkqueueClock, 'now'> | undefined;
}

/**
 * client-go's `DefaultControllerRateLimiter`: the larger of a per-item exponential backoff
 * (5 ms doubling up to 1000 s) and one bucket for the whole queue (10 retries a second, burst
 * 100). The bucket is a global throughput ceiling on retries: 1000 failures at once spread over
 * about 90 s.
 *
 * @typeParam T - the item type.
 * @param options - a key function and a clock for the bucket; both optional.
 * @returns a new limiter (each queue should have its own).
 * @example
 * ```ts
 * const queue = new RateLimitingQueue<string>({ rateLimiter: defaultControllerRateLimiter() });
 * ```
 * @since 0.2.0
 */
export function defaultControllerRateLimiter<T = string>(
  options: DefaultControllerRateLimiterOptions<T> = {},
): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(
    new ExponentialFailureRateLimiter<T>({
      baseMilliseconds: 5,
      maxMilliseconds: 1_000_000,
      keyOf: options.keyOf,
    }),
    new BucketRateLimiter<T>({ qps: 10, burst: 100, clock: options.clock }),
  );
}
