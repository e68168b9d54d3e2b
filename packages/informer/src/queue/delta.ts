import type { DeletedFinalStateUnknown } from '@kube-cache/indexer';

/**
 * What happened to an object, as queued by {@link RealFIFO} and {@link DeltaFIFO}:
 * `Added`, `Updated` and `Deleted` from watch events, `Replaced` from a (re)list, `Sync` from a
 * periodic resync.
 *
 * @since 0.1.0
 */
export type DeltaType = 'Added' | 'Updated' | 'Deleted' | 'Replaced' | 'Sync';

/**
 * One change to one object. A `Deleted` delta may carry a {@link DeletedFinalStateUnknown}
 * tombstone when the delete was only noticed on a relist.
 *
 * @since 0.1.0
 */
export interface Delta<T> {
  readonly type: DeltaType;
  readonly object: T | DeletedFinalStateUnknown<T>;
}

/**
 * The deltas of one key, oldest first, as handed out by a queue's `pop`. Never empty.
 *
 * @since 0.1.0
 */
export type Deltas<T> = readonly Delta<T>[];

/**
 * The oldest delta of a list.
 *
 * @param deltas - the deltas, oldest first.
 * @returns the first delta, or `undefined` for an empty list.
 * @since 0.1.0
 */
export function oldestDelta<T>(deltas: Deltas<T>): Delta<T> | undefined {
  return deltas[0];
}

/**
 * The newest delta of a list.
 *
 * @param deltas - the deltas, oldest first.
 * @returns the last delta, or `undefined` for an empty list.
 * @since 0.1.0
 */
export function newestDelta<T>(deltas: Deltas<T>): Delta<T> | undefined {
  return deltas[deltas.length - 1];
}
