import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { EmptyDeltasError } from '../errors/empty-deltas-error';
import { TransformError } from '../errors/transform-error';
import type { Deltas } from './delta';
import type { QueueKeyFunction, TransformFunction } from './queue-types';

/**
 * The key of a queued object: a tombstone's own key, else the key function's.
 *
 * @internal
 */
export function objectKey<T>(
  keyFunction: QueueKeyFunction<T>,
  object: T | DeletedFinalStateUnknown<T>,
): string {
  return DeletedFinalStateUnknown.isInstance<T>(object) ? object.key : keyFunction(object);
}

/**
 * client-go's `KeyOf`: the key of an object, of a tombstone, or of a delta list (its newest
 * delta's object).
 *
 * @internal
 */
export function keyOfQueued<T>(
  keyFunction: QueueKeyFunction<T>,
  value: T | DeletedFinalStateUnknown<T> | Deltas<T>,
): string {
  if (Array.isArray(value)) {
    const deltas = value as Deltas<T>;
    const newest = deltas[deltas.length - 1];
    if (newest === undefined) throw new EmptyDeltasError();
    return objectKey(keyFunction, newest.object);
  }
  return objectKey(keyFunction, value as T | DeletedFinalStateUnknown<T>);
}

/**
 * Applies the transform to an object on its way in, wrapping a failure in a
 * {@link TransformError}. Tombstones pass through untouched.
 *
 * @internal
 */
export function transformIncoming<T>(
  transform: TransformFunction<T> | undefined,
  key: string,
  object: T | DeletedFinalStateUnknown<T>,
): T | DeletedFinalStateUnknown<T> {
  if (transform === undefined || DeletedFinalStateUnknown.isInstance(object)) return object;
  try {
    return transform(object);
  } catch (error) {
    throw new TransformError(key, error);
  }
}

/**
 * Whether a value returned by a callback is a promise (or any thenable) to be awaited.
 *
 * @internal
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
