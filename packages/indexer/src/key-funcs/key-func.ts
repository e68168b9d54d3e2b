/**
 * Computes the store key of an object, for example `namespace/name`. Throws (preferably a
 * {@link KeyError}) when the object has no key.
 *
 * @example
 * ```ts
 * const byUid: KeyFunc<Pod> = (pod) => pod.metadata.uid;
 * ```
 * @since 0.1.0
 */
export type KeyFunc<T> = (object: T) => string;
