const marker = Symbol.for('kube-cache.deleted-final-state-unknown');

/**
 * A tombstone: an object was deleted while the watch was down, and the delete was only noticed on
 * a relist. `object` (client-go's `Obj` field) is the last state the cache knew, which may be
 * stale.
 *
 * Handed to `Store.delete` and to informer `onDelete` handlers, as client-go does.
 *
 * @example
 * ```ts
 * onDelete(deleted) {
 *   const pod = DeletedFinalStateUnknown.isInstance(deleted) ? deleted.object : deleted;
 * }
 * ```
 * @since 0.1.0
 */
export class DeletedFinalStateUnknown<T> {
  /** @internal */
  readonly [marker] = true;

  /**
   * @param key - the store key of the deleted object.
   * @param object - the last known state of the object (client-go's `Obj`).
   */
  constructor(
    readonly key: string,
    readonly object: T,
  ) {
    Object.freeze(this);
  }

  /**
   * Whether `value` is a tombstone, from any installed copy.
   *
   * @param value - anything.
   * @returns `true` for a `DeletedFinalStateUnknown`.
   */
  static isInstance<T = unknown>(value: unknown): value is DeletedFinalStateUnknown<T> {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
