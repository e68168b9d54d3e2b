import type { Clock } from './clock';

/**
 * Waits `milliseconds` on `clock`, or less if `signal` aborts first. Never rejects: callers check
 * `signal.aborted` afterwards.
 *
 * @param clock - the timers.
 * @param milliseconds - how long to wait.
 * @param signal - ends the wait early.
 * @returns a promise that resolves when the time is up or the signal aborted.
 * @since 0.2.0
 */
export function abortableSleep(
  clock: Clock,
  milliseconds: number,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve();
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
