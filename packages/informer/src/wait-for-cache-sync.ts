/**
 * Anything with a sync state: an informer, or a handler registration.
 *
 * @since 0.1.0
 */
export interface Syncable {
  hasSynced(): boolean;
}

const pollMilliseconds = 100;

/**
 * Waits until every informer or registration has synced, checking every 100 ms as client-go's
 * `WaitForCacheSync` does.
 *
 * @param signal - stops waiting.
 * @param syncables - informers and/or handler registrations.
 * @returns `true` once all have synced, `false` if `signal` aborted first.
 * @example
 * ```ts
 * const controller = new AbortController();
 * void podInformer.run(controller.signal);
 * const registration = podInformer.addEventHandler(handler);
 * if (!(await waitForCacheSync(AbortSignal.timeout(60_000), podInformer, registration))) {
 *   throw new Error('pods did not sync in time');
 * }
 * ```
 * @since 0.1.0
 */
export function waitForCacheSync(signal: AbortSignal, ...syncables: Syncable[]): Promise<boolean> {
  const allSynced = (): boolean => syncables.every((syncable) => syncable.hasSynced());
  if (allSynced()) return Promise.resolve(true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: boolean): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish(false);
    const poll = (): void => {
      if (allSynced()) finish(true);
      else timer = setTimeout(poll, pollMilliseconds);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(poll, pollMilliseconds);
  });
}
