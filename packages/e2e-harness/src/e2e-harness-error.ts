// The harness's own marker: its errors are test-infrastructure failures, not errors of the
// library under test, so `KubeCacheError.isInstance` must not claim them.
const marker = Symbol.for('kube-cache.e2e-harness.error');

/**
 * Thrown when the end-to-end cluster cannot be provided: a binary is missing and cannot be
 * built, a process exits early, or a server does not become ready in time. The message says
 * what failed and, where there is one, ends with the tail of the process's log.
 *
 * It is the harness's own base class, not a `KubeCacheError`: a test that asserts on the
 * library's errors never mistakes a harness failure for one.
 *
 * @since 0.1.0
 */
export class E2eHarnessError extends Error {
  /** @internal */
  readonly [marker] = true;
  override readonly name: string = 'E2eHarnessError';

  /**
   * @param message - what went wrong, in one sentence (plus log tail, if any).
   * @param options - `cause`, the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * Whether `error` is an {@link E2eHarnessError} (from any installed copy: the check reads a
   * `Symbol.for` marker, not the class identity).
   *
   * @param error - anything caught.
   * @returns `true` when `error` carries the harness's marker.
   */
  static isInstance(error: unknown): error is E2eHarnessError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
