import { ApiStatusError } from '@kube-cache/indexer';
import { withTimeout } from '../elector/abortable';
import type { Clock } from '@kube-cache/store-core';
import {
  recordFingerprint,
  recordFromSpec,
  specFromRecord,
  type LeaderElectionRecord,
} from './leader-election-record';
import type { Lease, LeaseReference } from './lease';
import type { LeaseClient } from './lease-client';
import { formatMicroTime } from './micro-time';

/** What a {@link LeaseLock} needs. @internal */
export interface LeaseLockOptions {
  client: LeaseClient;
  reference: LeaseReference;
  identity: string;
  leaseDurationMilliseconds: number;
  requestTimeoutMilliseconds: number;
  clock: Clock;
  /** A failed request that is not a lost race (`409`). */
  reportError: (error: unknown) => void;
}

function isConflict(error: unknown): boolean {
  return ApiStatusError.isInstance(error) && error.code === 409;
}

/**
 * client-go's `tryAcquireOrRenew` and `release` over one Lease, with the observed record: the
 * last record seen and the **local** time it was seen to change. Expiry is judged only from that
 * local time and the record's own duration, never from the remote `renewTime`.
 *
 * @internal
 */
export class LeaseLock {
  readonly #options: LeaseLockOptions;
  /** The last Lease read or written, whose resourceVersion the next update sends. */
  #cached: Lease | undefined;
  #observed: LeaderElectionRecord | undefined;
  #observedTime = 0;
  #observedFingerprint: string | undefined;

  constructor(options: LeaseLockOptions) {
    this.#options = options;
  }

  /** The holder of the observed record; `''` when none or nothing observed yet. */
  holder(): string {
    return this.#observed?.holderIdentity ?? '';
  }

  /** Whether the observed record names this candidate. */
  isHolder(): boolean {
    return this.holder() === this.#options.identity;
  }

  /** The observed record (for tests and diagnostics). */
  observedRecord(): LeaderElectionRecord | undefined {
    return this.#observed === undefined ? undefined : { ...this.#observed };
  }

  /** Local time the observed record was last seen to change (or written). */
  observedTime(): number {
    return this.#observedTime;
  }

  /**
   * Sets the observation as if `record` had been read at local `time` (client-go's tests set
   * `observedRecord`, `observedRawRecord` and `observedTime` the same way).
   */
  restoreObservation(record: LeaderElectionRecord, time: number): void {
    this.#setObserved(record, time);
    this.#observedFingerprint = recordFingerprint(record);
  }

  /** After a write, or a read that changed: the local clock restarts the expiry. */
  #setObserved(record: LeaderElectionRecord, time: number): void {
    this.#observed = { ...record };
    this.#observedTime = time;
  }

  /** Observed time plus the record's own duration is still ahead of the local clock. */
  #isValid(now: number): boolean {
    const seconds = this.#observed?.leaseDurationSeconds ?? 0;
    return this.#observedTime + seconds * 1000 > now;
  }

  #request<T>(signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { clock, requestTimeoutMilliseconds } = this.#options;
    return withTimeout(clock, requestTimeoutMilliseconds, signal, call);
  }

  /** Replaces the whole spec of `base` (the Lease last read or written, with its version). */
  async #update(base: Lease, record: LeaderElectionRecord, signal: AbortSignal): Promise<void> {
    const body: Lease = { ...base, spec: specFromRecord(record) };
    this.#cached = await this.#request(signal, (requestSignal) =>
      this.#options.client.update(body, requestSignal),
    );
  }

  async #get(
    signal: AbortSignal,
  ): Promise<{ lease: Lease; record: LeaderElectionRecord } | undefined> {
    const lease = await this.#request(signal, (requestSignal) =>
      this.#options.client.get(this.#options.reference, requestSignal),
    );
    if (lease === undefined) return undefined;
    this.#cached = lease;
    return { lease, record: recordFromSpec(lease.spec) };
  }

  /** A lost race (409) and a cancellation by the caller are no failures. */
  #report(error: unknown, signal: AbortSignal): void {
    if (!isConflict(error) && !signal.aborted) this.#options.reportError(error);
  }

  /**
   * One acquire-or-renew try, client-go's rules.
   *
   * @returns whether this candidate holds the lease now.
   */
  async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { clock, identity, client, reference } = this.#options;
    const now = formatMicroTime(clock.now());
    const desired: LeaderElectionRecord = {
      holderIdentity: identity,
      leaseDurationSeconds: Math.trunc(this.#options.leaseDurationMilliseconds / 1000),
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 0,
      strategy: '',
      preferredHolder: '',
    };

    // Fast path: the leader renews with the resourceVersion it last wrote, without a read.
    // (Before anything was read or written there is no cached Lease: client-go's update then
    // fails without a request, so the first try always reads.)
    const observed = this.#observed;
    const cached = this.#cached;
    if (
      observed !== undefined &&
      cached !== undefined &&
      this.isHolder() &&
      this.#isValid(clock.now())
    ) {
      const renewed = {
        ...desired,
        acquireTime: observed.acquireTime,
        leaseTransitions: observed.leaseTransitions,
      };
      try {
        await this.#update(cached, renewed, signal);
        this.#setObserved(renewed, clock.now());
        return true;
      } catch (error) {
        // A 409 or any failure falls back to a read, which refreshes the resourceVersion.
        this.#report(error, signal);
        if (signal.aborted) return false;
      }
    }

    let read: { lease: Lease; record: LeaderElectionRecord } | undefined;
    try {
      read = await this.#get(signal);
    } catch (error) {
      this.#report(error, signal);
      return false;
    }
    if (read === undefined) {
      const lease: Lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: reference.name, namespace: reference.namespace },
        spec: specFromRecord(desired),
      };
      try {
        this.#cached = await this.#request(signal, (requestSignal) =>
          client.create(lease, requestSignal),
        );
      } catch (error) {
        this.#report(error, signal);
        return false;
      }
      this.#setObserved(desired, clock.now());
      return true;
    }

    const fetched = read.record;
    const fingerprint = recordFingerprint(fetched);
    if (fingerprint !== this.#observedFingerprint) {
      this.#setObserved(fetched, clock.now());
      this.#observedFingerprint = fingerprint;
    }
    if (
      fetched.holderIdentity !== '' &&
      fetched.holderIdentity !== identity &&
      this.#isValid(clock.now())
    ) {
      return false;
    }

    const next =
      fetched.holderIdentity === identity
        ? {
            ...desired,
            acquireTime: fetched.acquireTime,
            leaseTransitions: fetched.leaseTransitions,
          }
        : { ...desired, leaseTransitions: fetched.leaseTransitions + 1 };
    try {
      await this.#update(read.lease, next, signal);
    } catch (error) {
      this.#report(error, signal);
      return false;
    }
    this.#setObserved(next, clock.now());
    return true;
  }

  /**
   * Clears the holder (empty identity, 1 s duration, transitions kept) when this candidate holds
   * the lease, by both the observed record and a fresh read; a `409` re-reads and tries again
   * until `signal` aborts (client-go master's rule).
   *
   * @returns whether the lease is not held by this candidate any more (released, or never held).
   */
  async release(signal: AbortSignal): Promise<boolean> {
    const { clock, identity } = this.#options;
    for (;;) {
      let read: { lease: Lease; record: LeaderElectionRecord } | undefined;
      try {
        read = await this.#get(signal);
      } catch (error) {
        this.#report(error, signal);
        return false;
      }
      if (read === undefined) return false;
      const fetched = read.record;
      // Clearing another holder's lease (taken over since our last renew) would hand it to a
      // third candidate; client-go checks only the observed record.
      if (!this.isHolder() || fetched.holderIdentity !== identity) return true;
      const now = formatMicroTime(clock.now());
      const released: LeaderElectionRecord = {
        holderIdentity: '',
        leaseDurationSeconds: 1,
        acquireTime: now,
        renewTime: now,
        leaseTransitions: fetched.leaseTransitions,
        strategy: '',
        preferredHolder: '',
      };
      try {
        await this.#update(read.lease, released, signal);
      } catch (error) {
        if (isConflict(error) && !signal.aborted) continue;
        this.#report(error, signal);
        return false;
      }
      this.#setObserved(released, clock.now());
      return true;
    }
  }
}
