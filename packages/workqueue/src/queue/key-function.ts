import { WorkqueueKeyError } from '../errors/workqueue-key-error';

/**
 * Maps an item to the key that identifies it in a queue or rate limiter. Two items with the same
 * key are the same work: they are deduplicated and never processed by two workers at once. Without
 * one, items are compared as `Map` keys compare them (strings and numbers by value, objects by
 * identity).
 *
 * @typeParam T - the item type.
 * @example
 * ```ts
 * const keyOf: KeyFunction<Pod> = (pod) => `${pod.metadata.namespace}/${pod.metadata.name}`;
 * ```
 * @since 0.2.0
 */
export type KeyFunction<T> = (item: T) => string;

/**
 * Returns a function that computes an item's key, wrapping a throwing key function's error in a
 * {@link WorkqueueKeyError}.
 *
 * @internal
 */
export function keyResolver<T>(keyOf: KeyFunction<T> | undefined): (item: T) => unknown {
  if (keyOf === undefined) return (item) => item;
  return (item) => {
    try {
      return keyOf(item);
    } catch (error) {
      throw new WorkqueueKeyError({ cause: error });
    }
  };
}
