import type { Clock } from '@kube-cache/store-core';

/**
 * Sets a timer on `clock` that does not keep the process alive (when the handle can be unref'd,
 * as Node's and vitest's fake timers can).
 *
 * @param clock - the timers.
 * @param callback - called once when the time is up.
 * @param milliseconds - the delay.
 * @returns the handle for `clock.clearTimeout`.
 * @internal
 */
export function setUnrefTimeout(clock: Clock, callback: () => void, milliseconds: number): unknown {
  const handle = clock.setTimeout(callback, milliseconds);
  if (typeof handle === 'object' && handle !== null) {
    const unref = (handle as { unref?: unknown }).unref;
    if (typeof unref === 'function') unref.call(handle);
  }
  return handle;
}
