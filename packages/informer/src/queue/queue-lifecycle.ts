import { QueueClosedError } from '../errors/queue-closed-error';
import type { Deltas } from './delta';
import { isPromiseLike } from './queue-support';
import type { PopProcessFunction } from './queue-types';
import { Wakeup } from './wakeup';

/**
 * The lifecycle both FIFOs share, whatever they store: waking a waiting `pop`, closing, and the
 * initial-list bookkeeping behind `hasSynced` (populated once anything was queued; the first
 * `replace` sets how many pops make up the initial list).
 *
 * @internal
 */
export class QueueLifecycle {
  readonly #queueName: string;
  readonly #wakeup = new Wakeup();
  #populated = false;
  #initialPopulationCount = 0;
  #closed = false;

  /**
   * @param queueName - the kind of queue (`RealFIFO`, `DeltaFIFO`), for {@link QueueClosedError}.
   */
  constructor(queueName: string) {
    this.#queueName = queueName;
  }

  /** Wakes a `pop` waiting for an item. */
  notify(): void {
    this.#wakeup.notify();
  }

  /** Records that something was queued (an add, update or delete before the first `replace`). */
  markPopulated(): void {
    this.#populated = true;
  }

  /**
   * Records the size of the initial list, on the first `replace` only (unless an earlier
   * add/update/delete already counted as the initial population).
   *
   * @param count - the number of pops the initial list takes.
   */
  markInitialList(count: number): void {
    if (this.#populated) return;
    this.#populated = true;
    this.#initialPopulationCount = count;
  }

  /**
   * Waits for an item, takes it, runs `process` on it and resolves with it. Items still queued
   * when the queue is closed are handed out before the queue reports closed.
   *
   * @param takeNext - removes and returns the next item, or `undefined` when nothing is queued.
   * @param process - called with the deltas and whether they belong to the initial list; awaited
   *   when it returns a promise. Its error rejects the `pop`.
   * @returns the deltas taken.
   * @throws {@link QueueClosedError} (rejects) once closed and empty.
   */
  async pop<T>(
    takeNext: () => Deltas<T> | undefined,
    process: PopProcessFunction<T> | undefined,
  ): Promise<Deltas<T>> {
    let deltas = takeNext();
    while (deltas === undefined) {
      if (this.#closed) throw new QueueClosedError(this.#queueName);
      await this.#wakeup.wait();
      deltas = takeNext();
    }
    const isInInitialList = !this.hasSynced();
    try {
      if (process !== undefined) {
        const result = process(deltas, isInInitialList);
        if (isPromiseLike(result)) await result;
      }
    } finally {
      // Counted only once processed, so hasSynced() never runs ahead of the consumer.
      if (this.#initialPopulationCount > 0) this.#initialPopulationCount -= 1;
    }
    return deltas;
  }

  /**
   * @returns whether the initial population happened and has been popped and processed.
   */
  hasSynced(): boolean {
    return this.#populated && this.#initialPopulationCount === 0;
  }

  /** Closes; a waiting `pop` rejects with {@link QueueClosedError} once the queue is empty. */
  close(): void {
    this.#closed = true;
    this.#wakeup.notify();
  }

  /**
   * @returns whether {@link QueueLifecycle.close} was called.
   */
  isClosed(): boolean {
    return this.#closed;
  }
}
