/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts, whichever
 * comes first, so a lister-watcher that ignores its signal can never hang the reflector.
 *
 * @param promise - the operation.
 * @param signal - the abort signal.
 * @returns the operation's value.
 * @throws `signal.reason` when the signal aborts first, or what `promise` rejects with.
 */
export function raceAbort<V>(promise: Promise<V>, signal: AbortSignal): Promise<V> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<V>((resolve, reject) => {
    const onAbort = (): void => {
      // The abandoned operation may still reject later; that outcome no longer matters.
      promise.catch(() => undefined);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        // Passed through untouched: callers tell errors apart by their own shape.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
    );
  });
}
