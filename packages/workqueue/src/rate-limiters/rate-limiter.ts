/**
 * Decides how long an item waits before it is retried, as client-go's `RateLimiter`.
 * {@link RateLimitingQueue.addRateLimited} adds the item after `when(item)` milliseconds.
 *
 * @typeParam T - the item type.
 * @example
 * ```ts
 * // A fixed one-second retry delay.
 * const fixed: RateLimiter<string> = {
 *   when: () => 1_000,
 *   forget: () => undefined,
 *   numRequeues: () => 0,
 * };
 * ```
 * @since 0.2.0
 */
export interface RateLimiter<T> {
  /**
   * How long the item should wait, in milliseconds. Records a failure: call it once per retry.
   */
  when(item: T): number;
  /** Forgets the item's failures (after a success). Does not cancel a pending retry. */
  forget(item: T): void;
  /** How many times the item has been retried (`when` calls since the last `forget`). */
  numRequeues(item: T): number;
}
