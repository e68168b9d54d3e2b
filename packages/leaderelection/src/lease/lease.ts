/**
 * The spec of a `coordination.k8s.io/v1` Lease, as JSON. Times are `MicroTime` strings (RFC 3339,
 * six fractional digits). Fields this package does not know are kept as read.
 *
 * @since 0.2.0
 */
export interface LeaseSpec {
  /** The current holder; empty or absent when nobody holds the lease. */
  holderIdentity?: string | null;
  /** How long, in whole seconds, candidates wait after seeing the lease change. */
  leaseDurationSeconds?: number | null;
  /** When the current holder acquired the lease. */
  acquireTime?: string | null;
  /** When the current holder last renewed the lease. */
  renewTime?: string | null;
  /** How many times the lease changed hands. */
  leaseTransitions?: number | null;
  /** Coordinated leader election (alpha): the strategy; cleared by a non-coordinated renew. */
  strategy?: string | null;
  /** Coordinated leader election (alpha): the preferred holder; cleared by a renew. */
  preferredHolder?: string | null;
  [field: string]: unknown;
}

/**
 * A `coordination.k8s.io/v1` Lease, as JSON: enough of it to read, create and replace it with the
 * resourceVersion that was read (so that a concurrent writer gets `409 Conflict`).
 *
 * @since 0.2.0
 */
export interface Lease {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    [field: string]: unknown;
  };
  spec?: LeaseSpec;
  [field: string]: unknown;
}

/**
 * Where the lock lives: a Lease's namespace and name.
 *
 * @since 0.2.0
 */
export interface LeaseReference {
  /** The Lease's namespace, for example `kube-system`. */
  namespace: string;
  /** The Lease's name, usually the controller's name. */
  name: string;
}
