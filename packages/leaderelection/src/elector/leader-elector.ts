import { abortableSleep } from '@kube-cache/store-core';
import { childController, withTimeout } from './abortable';
import { systemClock, type Clock } from '@kube-cache/store-core';
import { KubeLeaseClient } from '../lease/kube-lease-client';
import { LeaderElectionHealthError } from '../errors/leader-election-health-error';
import type { LeaderElectionOptions } from './leader-election-options';
import { LeaderElectorAlreadyRunningError } from '../errors/leader-elector-already-running-error';
import { LeaseLock } from '../lease/lease-lock';
import { rateLimitedWarning } from './rate-limited-warning';
import {
  jitterFactor,
  resolveLeaderElectionOptions,
  type LeaderElectionTimings,
} from './resolve-leader-election-options';

/**
 * Leader election on a `coordination.k8s.io/v1` Lease, with client-go's `tools/leaderelection`
 * rules: run the same controller on several machines and let one act at a time.
 *
 * - A candidate tries to acquire every retry period (jittered up to x2.2), creating the Lease if
 *   it is missing. Another holder's lease counts as expired only once `leaseDuration` (the
 *   holder's, from the Lease) has passed **on the local clock since this candidate last saw the
 *   Lease change**; the remote `renewTime` is never compared with the local clock.
 * - Writes send the resourceVersion read; a `409` is a lost race and is simply retried.
 * - The leader renews every retry period; if a renewal round does not succeed within
 *   `renewDeadline`, it stops leading: the signal given to `onStartedLeading` aborts, then
 *   `onStoppedLeading` runs.
 *
 * @example
 * ```ts
 * const elector = new LeaderElector({
 *   lease: { namespace: 'default', name: 'my-controller' },
 *   identity: `${os.hostname()}-${process.pid}`,
 *   kubeConfig,
 *   releaseOnCancel: true,
 *   onStartedLeading: (signal) => runController(signal),
 *   onStoppedLeading: () => console.log('stopped leading'),
 * });
 * await elector.run(shutdownSignal);
 * ```
 * @since 0.2.0
 */
export class LeaderElector {
  readonly #options: LeaderElectionOptions;
  readonly #timings: LeaderElectionTimings;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #lock: LeaseLock;
  readonly #reportError: (error: unknown) => void;
  #running = false;
  #leading = false;
  #reportedLeader = '';

  /**
   * @param options - the Lease, identity, durations and callbacks.
   * @throws {@link InvalidLeaderElectionOptionsError} when an option is missing or the durations
   *   break `leaseDuration > renewDeadline > 1.2 x retryPeriod`.
   */
  constructor(options: LeaderElectionOptions) {
    this.#timings = resolveLeaderElectionOptions(options);
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    const warn = rateLimitedWarning(this.#clock);
    this.#reportError = (error) => {
      if (options.onError === undefined) return warn(error);
      try {
        options.onError(error);
      } catch {
        // A failing reporter must not stop the election.
      }
    };
    const client =
      options.leaseClient ??
      new KubeLeaseClient(options.kubeConfig as NonNullable<typeof options.kubeConfig>);
    this.#lock = new LeaseLock({
      client,
      reference: { namespace: options.lease.namespace, name: options.lease.name },
      identity: options.identity,
      leaseDurationMilliseconds: this.#timings.leaseDurationMilliseconds,
      requestTimeoutMilliseconds: this.#timings.requestTimeoutMilliseconds,
      clock: this.#clock,
      reportError: this.#reportError,
    });
  }

  /** This candidate's identity. */
  get identity(): string {
    return this.#options.identity;
  }

  /**
   * Whether this candidate leads now: it acquired the lease in a `run` that has not stopped
   * leading yet (the signal given to `onStartedLeading` has not aborted).
   *
   * @returns `true` while leading.
   */
  isLeader(): boolean {
    return this.#leading && this.#lock.isHolder();
  }

  /**
   * The holder of the Lease as last observed by this candidate.
   *
   * @returns the holder's identity, `''` when nobody holds it or nothing was observed yet.
   */
  getLeader(): string {
    return this.#lock.holder();
  }

  /**
   * A health check for a liveness probe (client-go's `Check`): fails when this candidate, by the
   * Lease it last saw, holds the lease but has not renewed it for longer than the lease duration
   * plus `toleranceMilliseconds`, a leader that should have stopped and restarted. A candidate
   * that does not hold the lease is healthy.
   *
   * @param toleranceMilliseconds - how long past the lease duration to tolerate (default 0).
   * @returns `undefined` when healthy, else the error to report.
   */
  checkHealth(toleranceMilliseconds = 0): LeaderElectionHealthError | undefined {
    if (!this.#lock.isHolder()) return undefined;
    const since = this.#clock.now() - this.#lock.observedTime();
    if (since <= this.#timings.leaseDurationMilliseconds + toleranceMilliseconds) return undefined;
    const { namespace, name } = this.#options.lease;
    return new LeaderElectionHealthError(`${namespace}/${name}`, since);
  }

  /**
   * Campaigns until `signal` aborts: acquires the lease, calls `onStartedLeading`, renews until
   * renewing fails or `signal` aborts, then stops leading (and releases the lease with
   * `releaseOnCancel`). `onStoppedLeading` runs at the end of every run, also when this candidate
   * never led. Resolves then; it never rejects for API failures, which are retried and reported
   * through `onError`. Run again to campaign again.
   *
   * @param signal - ends the campaign.
   * @returns a promise that settles when the run has ended.
   * @throws {@link LeaderElectorAlreadyRunningError} when a `run` is still in progress.
   */
  async run(signal: AbortSignal = new AbortController().signal): Promise<void> {
    if (this.#running) throw new LeaderElectorAlreadyRunningError(this.#options.identity);
    this.#running = true;
    try {
      if (await this.#acquire(signal)) await this.#lead(signal);
    } finally {
      this.#running = false;
      try {
        this.#options.onStoppedLeading();
      } catch (error) {
        this.#reportError(error);
      }
    }
  }

  #jitteredRetryPeriod(): number {
    const retry = this.#timings.retryPeriodMilliseconds;
    return retry + this.#random() * jitterFactor * retry;
  }

  async #acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const acquired = await this.#lock.tryAcquireOrRenew(signal);
      this.#reportTransition();
      if (acquired) return true;
      await abortableSleep(this.#clock, this.#jitteredRetryPeriod(), signal);
    }
    return false;
  }

  async #lead(runSignal: AbortSignal): Promise<void> {
    const leader = childController(this.#clock, runSignal);
    this.#leading = true;
    const leaderSignal = leader.controller.signal;
    queueMicrotask(() => {
      try {
        Promise.resolve(this.#options.onStartedLeading(leaderSignal)).catch(this.#reportError);
      } catch (error) {
        this.#reportError(error);
      }
    });
    try {
      await this.#renew(runSignal);
    } finally {
      // The work stops before anything else: once renewing failed, another candidate may lead
      // soon. (client-go cancels it only after the release below.)
      this.#leading = false;
      leader.controller.abort(runSignal.aborted ? runSignal.reason : undefined);
      leader.dispose();
      if (this.#options.releaseOnCancel === true) await this.#release();
    }
  }

  async #renew(runSignal: AbortSignal): Promise<void> {
    while (!runSignal.aborted) {
      const renewed = await this.#renewRound(runSignal);
      this.#reportTransition();
      if (!renewed) return;
      await abortableSleep(this.#clock, this.#timings.retryPeriodMilliseconds, runSignal);
    }
  }

  /** Tries every retry period until one try succeeds or `renewDeadline` has passed. */
  async #renewRound(runSignal: AbortSignal): Promise<boolean> {
    const { retryPeriodMilliseconds: retry, renewDeadlineMilliseconds } = this.#timings;
    const round = childController(this.#clock, runSignal, renewDeadlineMilliseconds);
    const signal = round.controller.signal;
    const start = this.#clock.now();
    let tick = 1;
    try {
      while (!signal.aborted) {
        const renewed = await this.#attempt(signal);
        if (renewed) return true;
        // A fixed ticker, as client-go's poll: ticks missed during a slow try are dropped.
        const now = this.#clock.now();
        const nextTick = start + tick * retry;
        tick = now >= nextTick ? Math.floor((now - start) / retry) + 1 : tick + 1;
        if (now < nextTick) await abortableSleep(this.#clock, nextTick - now, signal);
      }
      return false;
    } finally {
      round.dispose();
    }
  }

  /** One try, cut off when `signal` (the round's deadline) aborts, even if the client hangs. */
  async #attempt(signal: AbortSignal): Promise<boolean> {
    try {
      return await withTimeout(
        this.#clock,
        this.#timings.renewDeadlineMilliseconds,
        signal,
        (attemptSignal) => this.#lock.tryAcquireOrRenew(attemptSignal),
      );
    } catch {
      return false;
    }
  }

  async #release(): Promise<void> {
    // run's signal has aborted by now; the release gets its own renewDeadline.
    const release = childController(
      this.#clock,
      undefined,
      this.#timings.renewDeadlineMilliseconds,
    );
    try {
      await this.#lock.release(release.controller.signal);
    } finally {
      release.dispose();
    }
    this.#reportTransition();
  }

  #reportTransition(): void {
    const holder = this.#lock.holder();
    if (holder === this.#reportedLeader) return;
    this.#reportedLeader = holder;
    if (this.#options.onNewLeader === undefined) return;
    queueMicrotask(() => {
      try {
        this.#options.onNewLeader?.(holder);
      } catch (error) {
        this.#reportError(error);
      }
    });
  }
}
