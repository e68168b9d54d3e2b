import { ReflectorCallbackError } from '../errors/reflector-callback-error';

/**
 * The reflector's `transform` option made safe to call on every listed and watched object: a
 * throwing transform becomes a {@link ReflectorCallbackError} (operation `transform`).
 *
 * @param transform - the option, if set.
 * @returns a function that transforms one object (the identity without a transform).
 * @throws a `ReflectorCallbackError` (from the returned function) when the transform throws.
 */
export function guardedTransform<T>(transform: ((object: T) => T) | undefined): (object: T) => T {
  return (object: T): T => {
    if (transform === undefined) return object;
    try {
      return transform(object);
    } catch (error) {
      // Never store the object untransformed (it holds what the transform strips), as client-go
      // and the informer's queues: a list is refused whole, a watch event is reported and skipped.
      throw new ReflectorCallbackError('transform', error);
    }
  };
}
