import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Nothing arrived in time: a watch had no event or bookmark (or no response at all) for the
 * inactivity limit, or one list request took longer than it. The reflector treats the connection
 * as dead, aborts the request and tries again, so a connection dropped without a FIN never hangs
 * the cache.
 *
 * @since 0.1.0
 */
export class InactivityTimeoutError extends KubeCacheError {
  override readonly name = 'InactivityTimeoutError' as const;
  /** Which request timed out. */
  readonly operation: 'list' | 'watch';
  /** The limit that was exceeded. */
  readonly milliseconds: number;

  /**
   * @param operation - which request timed out.
   * @param milliseconds - the limit that was exceeded.
   */
  constructor(operation: 'list' | 'watch', milliseconds: number) {
    super(
      operation === 'watch'
        ? `no watch event or bookmark for ${milliseconds} ms; the watch is treated as dead`
        : `a list request took more than ${milliseconds} ms; it is treated as dead`,
    );
    this.operation = operation;
    this.milliseconds = milliseconds;
  }

  /**
   * Whether `error` is an `InactivityTimeoutError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `InactivityTimeoutError`.
   */
  static override isInstance(error: unknown): error is InactivityTimeoutError {
    return KubeCacheError.hasName(error, 'InactivityTimeoutError');
  }
}
