import type { Clock } from '@kube-cache/store-core';
import type { KubeConfigLike } from '../lease/kube-lease-client';
import type { LeaseReference } from '../lease/lease';
import type { LeaseClient } from '../lease/lease-client';

/**
 * Options of a {@link LeaderElector}. The three durations must satisfy
 * `leaseDuration > renewDeadline > 1.2 x retryPeriod`, as in client-go.
 *
 * @since 0.2.0
 */
export interface LeaderElectionOptions {
  /** The Lease that is the lock; created when missing. */
  lease: LeaseReference;
  /** This candidate's unique identity, for example the pod name plus a random suffix. */
  identity: string;
  /** Where the Lease lives; required unless `leaseClient` is given. */
  kubeConfig?: KubeConfigLike;
  /** The Lease API to use instead of one over `kubeConfig` (tests pass a fake). */
  leaseClient?: LeaseClient;
  /**
   * How long other candidates wait, after they last saw the Lease change, before they take it
   * over. Written to the Lease in whole seconds (truncated), so at least 1000. Default 15 000.
   */
  leaseDurationMilliseconds?: number;
  /**
   * How long the leader keeps trying to renew before it gives up leading. Default 10 000.
   */
  renewDeadlineMilliseconds?: number;
  /**
   * How long candidates wait between tries (jittered up to 2.2x while acquiring). Default 2 000.
   */
  retryPeriodMilliseconds?: number;
  /**
   * Each Lease request is cut off after this long. Default `max(1000, renewDeadline / 2)`, as
   * client-go's `NewFromKubeconfig`, so one hung request cannot use up the renew deadline.
   */
  requestTimeoutMilliseconds?: number;
  /**
   * Clear the holder when `run`'s signal aborts (or renewing fails), so that another candidate
   * takes over at once. All work guarded by the lease must have stopped before then.
   */
  releaseOnCancel?: boolean;
  /**
   * Called (asynchronously) once this candidate leads. `signal` aborts when it stops leading; the
   * work must stop then. A rejection is reported through `onError`.
   */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called (synchronously) whenever `run` ends, also when this candidate never led. */
  onStoppedLeading(): void;
  /** Called (asynchronously) when the observed holder changes; `''` once nobody holds it. */
  onNewLeader?(identity: string): void;
  /**
   * Failed Lease requests (a `409` lost race is not one) and callback failures. Default:
   * `process.emitWarning`, at most one warning per 30 s.
   */
  onError?(error: unknown): void;
  /** The timers; default the global ones. */
  clock?: Clock;
  /** Random numbers in [0, 1) for the jitter; default `Math.random`. */
  random?: () => number;
}
