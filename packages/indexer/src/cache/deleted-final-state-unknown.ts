const marker = Symbol.for('kube-cache.deleted-final-state-unknown');

/**
 * A tombstone: an object was deleted while the watch was down, and the delete was only noticed on
 * a relist. `obj` is the last state the cache knew, which may be stale.
 *
 * Handed to `Store.delete` and to informer `onDelete` handlers, as client-go does.
 *
 * @example
 * ```ts
 * onDelete(object) {
 *   const pod = DeletedFinalStateUnknown.isInstance(object) ? object.obj : object;
 * }
 * ```
 * @since 0.1.0
 */
export class DeletedFinalStateUnknown<T> {
  /** @internal */
  readonly [marker] = true;

  /**
   * @param key - the store key of the deleted object.
   * @param obj - the last known state of the object.
   */
  constructor(
    readonly key: string,
    readonly obj: T,
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
