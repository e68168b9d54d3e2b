/**
 * The time source and timer of a queue or rate limiter, injectable so that tests (and simulations)
 * control time. Times are milliseconds on a monotonic scale (`performance.now()` by default).
 *
 * @example
 * ```ts
 * const clock: WorkqueueClock = {
 *   now: () => performance.now(),
 *   setTimeout: (callback, milliseconds) => setTimeout(callback, milliseconds),
 *   clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
 * };
 * ```
 * @since 0.2.0
 */
export interface WorkqueueClock {
  /** The current time in milliseconds (monotonic: never goes back). */
  now(): number;
  /** Calls `callback` once, `milliseconds` from now; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, milliseconds: number): unknown;
  /** Cancels a timer that has not fired yet. */
  clearTimeout(handle: unknown): void;
}

/**
 * The default clock: `performance.now()` and the global timers, looked up on every call so that
 * fake timers installed later (`vi.useFakeTimers()`) are honoured.
 *
 * @since 0.2.0
 */
export const realClock: WorkqueueClock = {
  now: () => performance.now(),
  setTimeout: (callback, milliseconds) => setTimeout(callback, milliseconds),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};
