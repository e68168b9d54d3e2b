import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown by the informer's constructor, `addEventHandler` or the factory for an option that is
 * missing or out of range.
 *
 * @since 0.1.0
 */
export class InvalidInformerOptionsError extends KubeCacheError {
  override readonly name = 'InvalidInformerOptionsError' as const;

  /**
   * @param message - which option is wrong and why.
   */
  constructor(message: string) {
    super(message);
  }

  /**
   * Whether `error` is an {@link InvalidInformerOptionsError}, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an InvalidInformerOptionsError.
   */
  static override isInstance(error: unknown): error is InvalidInformerOptionsError {
    return KubeCacheError.hasName(error, 'InvalidInformerOptionsError');
  }
}
