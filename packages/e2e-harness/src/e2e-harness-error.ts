import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Thrown when the end-to-end cluster cannot be provided: a binary is missing and cannot be
 * built, a process exits early, or a server does not become ready in time. The message says
 * what failed and, where there is one, ends with the tail of the process's log.
 *
 * @since 0.1.0
 */
export class E2eHarnessError extends KubeCacheError {
  override readonly name = 'E2eHarnessError' as const;

  /**
   * @param message - what went wrong, in one sentence (plus log tail, if any).
   * @param options - `cause`, the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `error` is an {@link E2eHarnessError} (from any installed copy).
   *
   * @param error - anything caught.
   * @returns `true` for an `E2eHarnessError`.
   */
  static override isInstance(error: unknown): error is E2eHarnessError {
    return KubeCacheError.hasName(error, 'E2eHarnessError');
  }
}
