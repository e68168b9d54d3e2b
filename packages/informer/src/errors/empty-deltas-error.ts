import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown by a queue's `keyOf` when given an empty delta list, which has no key (client-go's
 * `ErrZeroLengthDeltasObject`).
 *
 * @since 0.1.0
 */
export class EmptyDeltasError extends KubeCacheError {
  override readonly name = 'EmptyDeltasError' as const;

  constructor() {
    super('an empty delta list has no key');
  }

  /**
   * Whether `error` is an {@link EmptyDeltasError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an EmptyDeltasError.
   */
  static override isInstance(error: unknown): error is EmptyDeltasError {
    return KubeCacheError.hasName(error, 'EmptyDeltasError');
  }
}
