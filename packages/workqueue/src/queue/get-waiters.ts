import { FifoBuffer } from './fifo-buffer';
import type { GetResult } from './get-result';

interface Waiter<T> {
  resolve: (result: GetResult<T>) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  cancelled: boolean;
}

/**
 * The `get` calls of a {@link Queue} waiting for an item, first come, first served. An aborted
 * one is marked and skipped, and dropped once such ones are most of the list.
 *
 * @internal
 */
export class GetWaiters<T> {
  #waiters = new FifoBuffer<Waiter<T>>();
  #cancelledCount = 0;

  /** The number of waiters, aborted ones not dropped yet included. */
  get length(): number {
    return this.#waiters.length;
  }

  /**
   * Waits at the tail.
   *
   * @param signal - stops waiting: the promise rejects with `signal.reason`.
   * @returns a promise that {@link GetWaiters.next}'s caller or `resolveAll` resolves.
   */
  wait(signal: AbortSignal | undefined): Promise<GetResult<T>> {
    return new Promise<GetResult<T>>((resolve, reject) => {
      const waiter: Waiter<T> = { resolve, signal, onAbort: undefined, cancelled: false };
      if (signal !== undefined) {
        waiter.onAbort = () => {
          waiter.cancelled = true;
          this.#cancelledCount += 1;
          this.#compact();
          reject(signal.reason as Error);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#waiters.push(waiter);
    });
  }

  /**
   * Removes the first waiter that still waits (and its abort listener).
   *
   * @returns its resolve function, or `undefined` when none waits.
   */
  next(): ((result: GetResult<T>) => void) | undefined {
    for (let waiter = this.#waiters.shift(); waiter !== undefined; waiter = this.#waiters.shift()) {
      if (waiter.cancelled) {
        this.#cancelledCount -= 1;
        continue;
      }
      if (waiter.onAbort !== undefined) {
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
      }
      return waiter.resolve;
    }
    return undefined;
  }

  /** Removes every waiter, resolving those that still wait with `result`. */
  resolveAll(result: GetResult<T>): void {
    for (let waiter = this.#waiters.shift(); waiter !== undefined; waiter = this.#waiters.shift()) {
      if (waiter.cancelled) continue;
      if (waiter.onAbort !== undefined) {
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
      }
      waiter.resolve(result);
    }
    this.#cancelledCount = 0;
  }

  // Drops aborted waiters once they are most of the list, so that a get(signal) loop with no
  // items never grows it.
  #compact(): void {
    if (this.#cancelledCount < 16 || this.#cancelledCount * 2 < this.#waiters.length) return;
    const waiters = new FifoBuffer<Waiter<T>>();
    for (let waiter = this.#waiters.shift(); waiter !== undefined; waiter = this.#waiters.shift()) {
      if (!waiter.cancelled) waiters.push(waiter);
    }
    this.#waiters = waiters;
    this.#cancelledCount = 0;
  }
}
