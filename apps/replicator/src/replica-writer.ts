import type { ReplicatedKind, ReplicatedObject } from './replicated-object';

/**
 * Writes copies to the cluster. Every write is conditional: `replace` and `delete` carry the
 * resourceVersion the plan was made from, so a concurrent change fails with a 409 (a
 * {@link ReplicaWriteError} with `status` 409) and the source is re-queued, never overwritten
 * blindly.
 */
export interface ReplicaWriter {
  /** Creates a copy (409 when the name was taken meanwhile). */
  create(object: ReplicatedObject): Promise<void>;
  /** Replaces a copy whose `metadata.resourceVersion` is the one it was read at. */
  replace(object: ReplicatedObject): Promise<void>;
  /**
   * Deletes a copy, if it is still at `resourceVersion`; resolves `false` when it was already
   * gone (a stale cache can plan a delete twice), so that only real changes are printed.
   */
  delete(
    kind: ReplicatedKind,
    namespace: string,
    name: string,
    resourceVersion: string | undefined,
  ): Promise<boolean>;
}

/** A write the API server refused; `status` is its HTTP status (409 for a conflict). */
export class ReplicaWriteError extends Error {
  override readonly name = 'ReplicaWriteError' as const;

  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
