import { KubeCacheError } from '@kube-cache/store-core';
import { describeObject } from './describe-object';

/**
 * A key func could not compute a key for `object` (client-go's `KeyError`). The underlying error,
 * if any, is the `cause`. Stores throw it before changing anything.
 *
 * @example
 * ```ts
 * try {
 *   cache.add({ kind: 'Pod' } as Pod);
 * } catch (error) {
 *   if (KeyError.isInstance(error)) console.log(error.object, error.cause);
 * }
 * ```
 * @since 0.1.0
 */
export class KeyError extends KubeCacheError {
  override readonly name = 'KeyError' as const;
  /** The object that has no key (client-go's `Obj` field). */
  readonly object: unknown;

  /**
   * @param object - the object that has no key.
   * @param options - `cause`, the underlying error.
   */
  constructor(object: unknown, options: { cause?: unknown } = {}) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`couldn't create key for object ${describeObject(object)}${reason}`, options);
    this.object = object;
  }

  /**
   * Whether `error` is a `KeyError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `KeyError`.
   */
  static override isInstance(error: unknown): error is KeyError {
    return KubeCacheError.hasName(error, 'KeyError');
  }
}
