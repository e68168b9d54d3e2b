import { KubeCacheError } from '@kube-cache/store-core';

/**
 * The `KubeConfig` or the resource given to `createListWatch` cannot be used: no current cluster,
 * or an empty `apiVersion` or `plural`.
 *
 * @since 0.1.0
 */
export class InvalidListWatchConfigError extends KubeCacheError {
  override readonly name = 'InvalidListWatchConfigError' as const;

  /**
   * @param message - what is missing or wrong (never a credential).
   * @param options - the `cause`, the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `error` is an `InvalidListWatchConfigError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `InvalidListWatchConfigError`.
   */
  static override isInstance(error: unknown): error is InvalidListWatchConfigError {
    return KubeCacheError.hasName(error, 'InvalidListWatchConfigError');
  }
}
