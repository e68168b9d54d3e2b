import { ReplicatorAppError } from './replicator-app-error';

/**
 * Bad command-line usage of the replicator; its message is the whole explanation, ready to print
 * (the process exits with status 2).
 */
export class ReplicatorUsageError extends ReplicatorAppError {
  override readonly name = 'ReplicatorUsageError' as const;

  /**
   * @param message - the explanation.
   * @param options - the cause, if any.
   */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
  }

  /**
   * Whether `error` is a `ReplicatorUsageError`.
   *
   * @param error - anything caught.
   * @returns `true` for a `ReplicatorUsageError`.
   */
  static override isInstance(error: unknown): error is ReplicatorUsageError {
    return ReplicatorAppError.hasName(error, 'ReplicatorUsageError');
  }
}
