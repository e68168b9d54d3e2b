import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Options of {@link waitUntil}.
 *
 * @since 0.1.0
 */
export interface WaitUntilOptions {
  /** Give up after this many milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 200 ms). */
  intervalMs?: number;
  /** Stop early when this aborts. */
  signal?: AbortSignal;
  /** Named in the error when the wait times out. */
  description?: string;
}

/**
 * Polls `condition` until it returns a value other than `undefined` or `false`. A condition that
 * throws counts as "not yet"; the last error is the timeout error's cause.
 *
 * @param condition - the check; may be async.
 * @param options - timeout, interval, signal and a description for the error.
 * @returns the first accepted value of `condition`.
 * @throws Error when the timeout passes first, or the signal's reason when it aborts.
 * @since 0.1.0
 */
export async function waitUntil<T>(
  condition: () => T | false | undefined | Promise<T | false | undefined>,
  options: WaitUntilOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 200;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${options.description ?? 'a condition'}`,
        {
          cause: lastError,
        },
      );
    }
    await sleep(intervalMs);
  }
}
