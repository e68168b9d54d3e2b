import { KubeCacheError } from '@kube-cache/store-core';

/**
 * What {@link LeaderElector.checkHealth} returns for a candidate that believes it holds the lease
 * but has not renewed it for longer than the lease duration plus the tolerance: a leader stuck
 * without stopping, which a liveness probe should restart (client-go's `Check`).
 *
 * @since 0.2.0
 */
export class LeaderElectionHealthError extends KubeCacheError {
  override readonly name = 'LeaderElectionHealthError' as const;
  /** How long ago, in milliseconds on the local clock, the lease was last renewed or seen. */
  readonly sinceRenewMilliseconds: number;

  /**
   * @param lease - `namespace/name` of the Lease, for the message.
   * @param sinceRenewMilliseconds - time since the last renewal on the local clock.
   */
  constructor(lease: string, sinceRenewMilliseconds: number) {
    super(
      `failed election to renew leadership on lease ${lease} (last renewed ${sinceRenewMilliseconds} ms ago)`,
    );
    this.sinceRenewMilliseconds = sinceRenewMilliseconds;
  }

  /**
   * Whether `error` is a `LeaderElectionHealthError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `LeaderElectionHealthError`.
   */
  static override isInstance(error: unknown): error is LeaderElectionHealthError {
    return KubeCacheError.hasName(error, 'LeaderElectionHealthError');
  }
}
