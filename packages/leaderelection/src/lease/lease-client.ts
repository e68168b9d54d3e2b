import type { Lease, LeaseReference } from './lease';

/**
 * The three Lease calls leader election makes. {@link KubeLeaseClient} sends them to the API
 * server; tests pass a fake. Every call must honour `signal` (the elector bounds each call by a
 * request timeout and the renew deadline) and report an API error as an `ApiStatusError` from
 * `@kube-cache/indexer`, so that `409 Conflict` is recognised as a lost race.
 *
 * @since 0.2.0
 */
export interface LeaseClient {
  /**
   * Reads the Lease.
   *
   * @returns the Lease, or `undefined` when it does not exist (404).
   */
  get(reference: LeaseReference, signal: AbortSignal): Promise<Lease | undefined>;
  /**
   * Creates the Lease (`409 AlreadyExists` when another candidate was faster).
   *
   * @returns the Lease as stored, with its resourceVersion.
   */
  create(lease: Lease, signal: AbortSignal): Promise<Lease>;
  /**
   * Replaces the Lease; `lease.metadata.resourceVersion` is the version read, so a concurrent
   * write makes this fail with `409 Conflict`.
   *
   * @returns the Lease as stored, with its new resourceVersion.
   */
  update(lease: Lease, signal: AbortSignal): Promise<Lease>;
}
