import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A `Reflector` option is out of range (for example a page size of 0 or a negative resync
 * period), or a required option is missing.
 *
 * @since 0.1.0
 */
export class InvalidReflectorOptionsError extends KubeCacheError {
  override readonly name = 'InvalidReflectorOptionsError' as const;

  /**
   * @param message - which option is wrong and why.
   */
  constructor(message: string) {
    super(message);
  }

  /**
   * Whether `error` is an `InvalidReflectorOptionsError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `InvalidReflectorOptionsError`.
   */
  static override isInstance(error: unknown): error is InvalidReflectorOptionsError {
    return KubeCacheError.hasName(error, 'InvalidReflectorOptionsError');
  }
}
