import type { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { Delta, Deltas } from './delta';
import { DeltaFIFO } from './delta-fifo';
import type { InformerQueue } from './queue-types';
import { RealFIFO } from './real-fifo';
import type { FifoOptions } from './real-fifo';

/** A queue under test, with the two inspection methods both FIFOs answer in their own way. */
export interface FifoUnderTest<T> extends InformerQueue<T> {
  keyOf(value: T | DeletedFinalStateUnknown<T> | Deltas<T>): string;
}

/**
 * One of the two informer queues, for the cases both share (`describe.each`). They differ in one
 * thing the shared cases see: how queued deltas come out of `pop`.
 */
export interface FifoKind {
  /** The class name, for test titles. */
  readonly name: 'RealFIFO' | 'DeltaFIFO';
  /** A new queue of this kind. */
  create<T>(options?: FifoOptions<T>): FifoUnderTest<T>;
  /** Every queued delta, oldest first (per key for a DeltaFIFO), without popping. */
  queued<T>(queue: FifoUnderTest<T>): Delta<T>[];
  /**
   * The items `pop` hands out for deltas queued in this order with no pop in between: one delta
   * per item for a RealFIFO; one item per key, in the order the keys were first queued, for a
   * DeltaFIFO.
   */
  pops<T>(queue: FifoUnderTest<T>, queuedInOrder: readonly Delta<T>[]): Deltas<T>[];
}

/** The RealFIFO (client-go's default since 1.31): every event on its own, in order. */
export const realFifoKind: FifoKind = {
  name: 'RealFIFO',
  create: (options) => new RealFIFO(options),
  queued: <T>(queue: FifoUnderTest<T>) => (queue as RealFIFO<T>).queuedDeltas(),
  pops: (_queue, queuedInOrder) => queuedInOrder.map((delta) => [delta]),
};

/** The DeltaFIFO: the deltas of one key accumulate and are popped together. */
export const deltaFifoKind: FifoKind = {
  name: 'DeltaFIFO',
  create: (options) => new DeltaFIFO(options),
  queued: <T>(queue: FifoUnderTest<T>) => {
    const deltaFifo = queue as DeltaFIFO<T>;
    return deltaFifo.listKeys().flatMap((key) => deltaFifo.deltasFor(key) ?? []);
  },
  pops: (queue, queuedInOrder) => {
    const byKey = new Map<string, (typeof queuedInOrder)[number][]>();
    for (const delta of queuedInOrder) {
      const key = queue.keyOf(delta.object);
      const deltas = byKey.get(key) ?? [];
      deltas.push(delta);
      byKey.set(key, deltas);
    }
    return [...byKey.values()];
  },
};

/** Both queues, for `describe.each`. */
export const fifoKinds: readonly FifoKind[] = [realFifoKind, deltaFifoKind];
