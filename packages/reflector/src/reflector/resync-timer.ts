import type { Clock } from '@kube-cache/store-core';

/**
 * Calls `tick` every `periodMilliseconds` (no jitter, as client-go) until `signal` aborts or the
 * returned stop function is called. A period of 0 never ticks.
 *
 * @param clock - the timers.
 * @param periodMilliseconds - the period; 0 disables.
 * @param signal - stops the timer.
 * @param tick - called each period.
 * @returns a function that stops the timer.
 */
export function startResyncTimer(
  clock: Clock,
  periodMilliseconds: number,
  signal: AbortSignal,
  tick: () => void,
): () => void {
  if (periodMilliseconds === 0) return () => undefined;
  let handle: unknown;
  let stopped = false;
  const schedule = (): void => {
    handle = clock.setTimeout(() => {
      if (stopped || signal.aborted) return;
      tick();
      schedule();
    }, periodMilliseconds);
  };
  schedule();
  return () => {
    stopped = true;
    clock.clearTimeout(handle);
  };
}
