import { KubeCacheError } from '@kube-cache/store-core';

/**
 * The API server answered a Lease request with 2xx but the body is not a Lease (not JSON, or not
 * an object with `metadata.name`). The elector counts the attempt as failed and tries again.
 *
 * @since 0.2.0
 */
export class LeaseResponseError extends KubeCacheError {
  override readonly name = 'LeaseResponseError' as const;

  /**
   * @param message - what is wrong with the body.
   * @param options - the `cause`, for example the `SyntaxError` of `JSON.parse`.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `error` is a `LeaseResponseError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `LeaseResponseError`.
   */
  static override isInstance(error: unknown): error is LeaseResponseError {
    return KubeCacheError.hasName(error, 'LeaseResponseError');
  }
}
