import { InvalidListWatchConfigError, SyncTimeoutError } from '@kube-cache/reflector';

/**
 * Anything with a sync state: an informer, or a handler registration. An informer also tells
 * whether it stopped and its last list or watch error, which `waitForCacheSync` reports.
 *
 * @since 0.1.0
 */
export interface Syncable {
  hasSynced(): boolean;
  /** Whether it ran and has stopped (an informer). @since 0.2.0 */
  isStopped?(): boolean;
  /** The last list or watch error (an informer). @since 0.2.0 */
  lastError?(): unknown;
  /** A name for messages (an informer). @since 0.2.0 */
  readonly name?: string;
}

/**
 * Options of {@link waitForCacheSync} (instead of a bare signal).
 *
 * @since 0.2.0
 */
export interface WaitForCacheSyncOptions {
  /** Stops waiting: the promise resolves to `false`. */
  signal?: AbortSignal | undefined;
  /**
   * Rejects with a `SyncTimeoutError` (its `cause` the last list or watch error of a syncable that
   * has not synced) when not everything has synced within this many milliseconds.
   */
  timeoutMilliseconds?: number | undefined;
}

const pollMilliseconds = 100;

/**
 * Waits until every informer or registration has synced, checking every 100 ms as client-go's
 * `WaitForCacheSync` does.
 *
 * @param options - a signal that stops waiting, or `{ signal, timeoutMilliseconds }`.
 * @param syncables - informers and/or handler registrations.
 * @returns `true` once all have synced, `false` if `signal` aborted first (or an informer stopped
 *   without syncing).
 * @throws a `SyncTimeoutError` (rejects) when `timeoutMilliseconds` pass first; the
 *   `InvalidListWatchConfigError` that stopped an informer (rejects).
 * @example
 * ```ts
 * const controller = new AbortController();
 * void podInformer.run(controller.signal);
 * const registration = podInformer.addEventHandler(handler);
 * // Rejects with a SyncTimeoutError naming the last error (a refused connection, a 403, ...).
 * await waitForCacheSync({ signal: controller.signal, timeoutMilliseconds: 60_000 }, podInformer, registration);
 * ```
 * @since 0.1.0
 */
export function waitForCacheSync(
  options: AbortSignal | WaitForCacheSyncOptions,
  ...syncables: Syncable[]
): Promise<boolean> {
  const { signal, timeoutMilliseconds } =
    options instanceof AbortSignal ? { signal: options, timeoutMilliseconds: undefined } : options;
  const allSynced = (): boolean => syncables.every((syncable) => syncable.hasSynced());
  if (allSynced()) return Promise.resolve(true);
  if (signal?.aborted === true) return Promise.resolve(false);
  const started = Date.now();
  return new Promise<boolean>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanUp = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanUp();
      resolve(false);
    };
    const poll = (): void => {
      if (allSynced()) {
        cleanUp();
        resolve(true);
        return;
      }
      const stopped = syncables.find((syncable) => syncable.isStopped?.() === true);
      if (stopped !== undefined) {
        cleanUp();
        const error = stopped.lastError?.();
        if (InvalidListWatchConfigError.isInstance(error)) reject(error);
        else resolve(false);
        return;
      }
      const elapsed = Date.now() - started;
      if (timeoutMilliseconds !== undefined && elapsed >= timeoutMilliseconds) {
        cleanUp();
        reject(timeoutError(syncables, timeoutMilliseconds));
        return;
      }
      const untilTimeout =
        timeoutMilliseconds === undefined ? pollMilliseconds : timeoutMilliseconds - elapsed;
      timer = setTimeout(poll, Math.min(pollMilliseconds, untilTimeout));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(poll, Math.min(pollMilliseconds, timeoutMilliseconds ?? pollMilliseconds));
  });
}

function timeoutError(syncables: readonly Syncable[], timeoutMilliseconds: number): Error {
  const waiting = syncables.filter((syncable) => !syncable.hasSynced());
  const names = waiting.map((syncable) => syncable.name ?? 'a handler registration');
  const withError = waiting.find((syncable) => syncable.lastError?.() !== undefined);
  const quoted = names.map((name) => `"${name}"`);
  const what = quoted.length === 1 ? `${quoted[0]}` : quoted.join(', ');
  return new SyncTimeoutError(what, timeoutMilliseconds, withError?.lastError?.());
}
