import { KubeCacheError } from '@kube-cache/store-core';

/**
 * `LeaderElector.run` was called while an earlier `run` of the same elector had not returned.
 *
 * @since 0.2.0
 */
export class LeaderElectorAlreadyRunningError extends KubeCacheError {
  override readonly name = 'LeaderElectorAlreadyRunningError' as const;

  /**
   * @param identity - the elector's identity, for the message.
   */
  constructor(identity: string) {
    super(`the leader elector ${identity} is already running`);
  }

  /**
   * Whether `error` is a `LeaderElectorAlreadyRunningError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `LeaderElectorAlreadyRunningError`.
   */
  static override isInstance(error: unknown): error is LeaderElectorAlreadyRunningError {
    return KubeCacheError.hasName(error, 'LeaderElectorAlreadyRunningError');
  }
}
