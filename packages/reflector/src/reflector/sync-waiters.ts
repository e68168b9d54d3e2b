import type { Clock } from '@kube-cache/store-core';

/** A pending `waitForSync`. */
interface SyncWaiter {
  resolve(): void;
  reject(error: Error): void;
}

/** The pending `waitForSync` calls of a reflector, each with its own signal and timeout. */
export class SyncWaiters {
  readonly #clock: Clock;
  readonly #waiters = new Set<SyncWaiter>();

  /** @param clock - the timers of the timeouts. */
  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Waits until {@link SyncWaiters.resolveAll} or {@link SyncWaiters.rejectAll}, `signal` or the
   * timeout, whichever comes first.
   *
   * @param signal - stops waiting: rejects with `signal.reason`.
   * @param timeoutMilliseconds - when set, rejects with `timeoutError(timeoutMilliseconds)` after this long.
   * @param timeoutError - builds the timeout's error (from the timeout) when it fires.
   * @returns the promise of the sync.
   */
  wait(
    signal: AbortSignal | undefined,
    timeoutMilliseconds: number | undefined,
    timeoutError: (milliseconds: number) => Error,
  ): Promise<void> {
    const clock = this.#clock;
    return new Promise<void>((resolve, reject) => {
      let timer: unknown;
      const cleanUp = (): void => {
        this.#waiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) clock.clearTimeout(timer);
      };
      const onAbort = (): void => {
        cleanUp();
        reject(signal?.reason as Error);
      };
      const waiter: SyncWaiter = {
        resolve: () => {
          cleanUp();
          resolve();
        },
        reject: (error: Error) => {
          cleanUp();
          reject(error);
        },
      };
      this.#waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMilliseconds !== undefined) {
        timer = clock.setTimeout(
          () => waiter.reject(timeoutError(timeoutMilliseconds)),
          timeoutMilliseconds,
        );
      }
    });
  }

  /** Resolves every pending wait (the reflector synced). */
  resolveAll(): void {
    for (const waiter of [...this.#waiters]) waiter.resolve();
  }

  /** @param error - rejects every pending wait with it (the reflector stopped for good). */
  rejectAll(error: Error): void {
    for (const waiter of [...this.#waiters]) waiter.reject(error);
  }
}
