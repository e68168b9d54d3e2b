import type { DeletedFinalStateUnknown } from './deleted-final-state-unknown';

/**
 * A keyed collection of objects, keyed by a key func (client-go's `cache.Store`). Implemented by
 * {@link Cache}; a reflector writes into it.
 *
 * @since 0.1.0
 */
export interface Store<T> {
  /** Stores `object` under its key; an existing object with that key is replaced. */
  add(object: T): void;
  /** Same as `add`. */
  update(object: T): void;
  /** Removes the object with `object`'s key (a tombstone's `key`); a missing key is a no-op. */
  delete(object: T | DeletedFinalStateUnknown<T>): void;
  /** Every stored object, in a new array. */
  list(): T[];
  /** Every key, in a new array. */
  listKeys(): string[];
  /** The stored object with `object`'s key, or `undefined`. */
  get(object: T): T | undefined;
  /** The stored object with this key, or `undefined`. */
  getByKey(key: string): T | undefined;
  /** Replaces the whole content atomically. */
  replace(list: readonly T[], resourceVersion: string): void;
  /** Meaningless for a plain store; queues use it to re-deliver. */
  resync(): void;
}
