import type { Clock } from '@kube-cache/store-core';

/**
 * `process.emitWarning` at most once per `intervalMilliseconds`; the next warning says how many
 * were dropped. A renew loop that fails every retry period must not flood the log.
 *
 * @internal
 */
export function rateLimitedWarning(
  clock: Clock,
  intervalMilliseconds = 30_000,
): (error: unknown) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let dropped = 0;
  return (error) => {
    const now = clock.now();
    if (now - lastAt < intervalMilliseconds) {
      dropped += 1;
      return;
    }
    lastAt = now;
    const message = error instanceof Error ? error.message : String(error);
    const suffix = dropped === 0 ? '' : ` (${dropped} similar warnings dropped)`;
    dropped = 0;
    process.emitWarning(`leader election: ${message}${suffix}`, {
      type: 'LeaderElectionWarning',
      ...(error instanceof Error ? { detail: error.name } : {}),
    });
  };
}
