import type { ListerWatcher, ListOptions, ListResult } from '@kube-cache/indexer';
import type { Clock } from '@kube-cache/store-core';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { raceAbort } from '../watch/race-abort';

/**
 * Wraps a lister so that each request is aborted after `limitMilliseconds`, with an
 * {@link InactivityTimeoutError}, and settles as soon as `signal` aborts: a list on a dead
 * connection can never hang the reflector.
 *
 * @param listerWatcher - the source.
 * @param clock - the timers.
 * @param limitMilliseconds - the longest a single list request may take.
 * @returns a `list` function with the same contract.
 */
export function timedList<T>(
  listerWatcher: ListerWatcher<T>,
  clock: Clock,
  limitMilliseconds: number,
): (options: ListOptions, signal: AbortSignal) => Promise<ListResult<T>> {
  return async (options, signal) => {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const handle = clock.setTimeout(
      () => controller.abort(new InactivityTimeoutError('list', limitMilliseconds)),
      limitMilliseconds,
    );
    try {
      return await raceAbort(listerWatcher.list(options, controller.signal), controller.signal);
    } finally {
      clock.clearTimeout(handle);
      signal.removeEventListener('abort', onAbort);
    }
  };
}
