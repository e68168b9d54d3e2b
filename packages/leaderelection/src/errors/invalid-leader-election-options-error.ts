import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A `LeaderElector` option is missing or out of range, for example a renew deadline that is not
 * greater than 1.2 retry periods, or an empty identity. Thrown by the constructor; nothing runs.
 *
 * @since 0.2.0
 */
export class InvalidLeaderElectionOptionsError extends KubeCacheError {
  override readonly name = 'InvalidLeaderElectionOptionsError' as const;

  /**
   * @param message - which option is wrong and why.
   */
  constructor(message: string) {
    super(message);
  }

  /**
   * Whether `error` is an `InvalidLeaderElectionOptionsError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `InvalidLeaderElectionOptionsError`.
   */
  static override isInstance(error: unknown): error is InvalidLeaderElectionOptionsError {
    return KubeCacheError.hasName(error, 'InvalidLeaderElectionOptionsError');
  }
}
