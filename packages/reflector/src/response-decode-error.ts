import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A successful (2xx) list response whose body is not a Kubernetes list: not JSON, or without an
 * `items` array.
 *
 * @since 0.1.0
 */
export class ResponseDecodeError extends KubeCacheError {
  override readonly name = 'ResponseDecodeError' as const;

  /**
   * @param message - what is wrong with the body.
   * @param options - the `cause`, for example the `SyntaxError` of `JSON.parse`.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `error` is a `ResponseDecodeError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `ResponseDecodeError`.
   */
  static override isInstance(error: unknown): error is ResponseDecodeError {
    return KubeCacheError.hasName(error, 'ResponseDecodeError');
  }
}
