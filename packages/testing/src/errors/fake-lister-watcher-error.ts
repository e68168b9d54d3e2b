import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Why a {@link FakeListerWatcher} refused a mutation.
 *
 * @since 0.1.0
 */
export type FakeListerWatcherErrorReason =
  'AlreadyExists' | 'NotFound' | 'InvalidObject' | 'InvalidArgument';

/**
 * Thrown by a {@link FakeListerWatcher} mutation that a real API server would refuse: `add` of an
 * object that exists, `modify` or `delete` of one that does not, or an object without a name.
 * Nothing is stored and no event is sent when it is thrown.
 *
 * @example
 * ```ts
 * try {
 *   source.add(pod);
 * } catch (error) {
 *   if (FakeListerWatcherError.isInstance(error) && error.reason === 'AlreadyExists') source.modify(pod);
 * }
 * ```
 * @since 0.1.0
 */
export class FakeListerWatcherError extends KubeCacheError {
  override readonly name = 'FakeListerWatcherError' as const;
  /** Why the mutation was refused. */
  readonly reason: FakeListerWatcherErrorReason;

  /**
   * @param reason - why the mutation was refused.
   * @param message - what went wrong, in one sentence.
   * @param options - `cause`, if any.
   */
  constructor(
    reason: FakeListerWatcherErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.reason = reason;
  }

  /**
   * Whether `error` is a `FakeListerWatcherError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `FakeListerWatcherError`.
   */
  static override isInstance(error: unknown): error is FakeListerWatcherError {
    return KubeCacheError.hasName(error, 'FakeListerWatcherError');
  }
}
