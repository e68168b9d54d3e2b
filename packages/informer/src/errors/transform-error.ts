import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown by a queue's `add`, `update`, `delete` or `replace` when the transform function threw.
 * Nothing was queued by that call (a `replace` is all or nothing).
 *
 * @since 0.1.0
 */
export class TransformError extends KubeCacheError {
  override readonly name = 'TransformError' as const;

  /**
   * @param key - the key of the object being transformed.
   * @param cause - what the transform threw.
   */
  constructor(
    readonly key: string,
    cause: unknown,
  ) {
    super(`the transform function failed for ${JSON.stringify(key)}`, { cause });
  }

  /**
   * Whether `error` is a {@link TransformError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a TransformError.
   */
  static override isInstance(error: unknown): error is TransformError {
    return KubeCacheError.hasName(error, 'TransformError');
  }
}
