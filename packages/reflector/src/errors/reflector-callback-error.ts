import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Which user-supplied code threw: a store method, the `transform` option, `shouldResync`, or an
 * event listener.
 *
 * @since 0.1.0
 */
export type ReflectorCallbackOperation =
  'add' | 'update' | 'delete' | 'replace' | 'resync' | 'transform' | 'shouldResync' | 'listener';

/**
 * User-supplied code (a store method, `transform`, `shouldResync` or an event listener) threw.
 * The reflector reports this error, with the original as `cause`, and goes on.
 *
 * @since 0.1.0
 */
export class ReflectorCallbackError extends KubeCacheError {
  override readonly name = 'ReflectorCallbackError' as const;
  /** The code that threw. */
  readonly operation: ReflectorCallbackOperation;

  /**
   * @param operation - the code that threw.
   * @param cause - what it threw.
   */
  constructor(operation: ReflectorCallbackOperation, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`${operation} threw: ${detail}`, { cause });
    this.operation = operation;
  }

  /**
   * Whether `error` is a `ReflectorCallbackError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `ReflectorCallbackError`.
   */
  static override isInstance(error: unknown): error is ReflectorCallbackError {
    return KubeCacheError.hasName(error, 'ReflectorCallbackError');
  }
}
