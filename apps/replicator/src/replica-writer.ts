import { ReplicatorAppError } from './replicator-app-error';
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

/**
 * A write the API server refused, or that timed out; `status` is its HTTP status (409 for a
 * conflict, 0 when there was no answer). Its message names the object and the status only, never
 * the request (which carries credentials).
 */
export class ReplicaWriteError extends ReplicatorAppError {
  override readonly name = 'ReplicaWriteError' as const;

  /**
   * @param message - what was tried and how it failed.
   * @param status - the HTTP status, or 0.
   * @param options - the cause.
   */
  constructor(
    message: string,
    readonly status: number,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }

  /**
   * Whether `error` is a `ReplicaWriteError`.
   *
   * @param error - anything caught.
   * @returns `true` for a `ReplicaWriteError`.
   */
  static override isInstance(error: unknown): error is ReplicaWriteError {
    return ReplicatorAppError.hasName(error, 'ReplicaWriteError');
  }
}
