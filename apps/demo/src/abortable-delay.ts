/**
 * Waits `milliseconds`, or less when `signal` aborts first. Never rejects: an interrupted wait is
 * a normal way for a demo phase to end.
 *
 * @param milliseconds - how long.
 * @param signal - ends the wait early.
 * @returns when the time is up or the signal aborted.
 */
export function abortableDelay(milliseconds: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Polls `condition` until it holds or `signal` aborts.
 *
 * @param condition - what to wait for.
 * @param signal - stops waiting.
 * @param intervalMilliseconds - time between checks.
 * @returns whether the condition holds (false: aborted first).
 */
export async function waitFor(
  condition: () => boolean,
  signal: AbortSignal,
  intervalMilliseconds = 50,
): Promise<boolean> {
  while (!condition()) {
    if (signal.aborted) return false;
    await abortableDelay(intervalMilliseconds, signal);
  }
  return true;
}
