/**
 * The timers kube-cache's stateful parts use (the reflector, the informer, the leader elector).
 * The default reads the global timers, so `vi.useFakeTimers()` drives it in tests; pass your own
 * to control time another way.
 *
 * @since 0.2.0
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once after `milliseconds`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, milliseconds: number): unknown;
  /** Cancels a timer set by `setTimeout`; a handle already fired or cleared is ignored. */
  clearTimeout(handle: unknown): void;
}

/**
 * The clock over the global `Date.now`, `setTimeout` and `clearTimeout`, looked up at each call so
 * fake timers installed later are honoured.
 *
 * @since 0.2.0
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, milliseconds) => setTimeout(callback, milliseconds),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
