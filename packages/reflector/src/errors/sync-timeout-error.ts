import { KubeCacheError } from '@kube-cache/store-core';
import { describeFailure } from '../reflector/failure-warnings';

/**
 * A cache did not sync within the `timeoutMilliseconds` given to `waitForSync` (or
 * `waitForCacheSync`). `cause` is the last list or watch error seen, if any, and the message
 * names it briefly: a refused connection, a 401, a missing kubeconfig.
 *
 * @since 0.2.0
 */
export class SyncTimeoutError extends KubeCacheError {
  override readonly name = 'SyncTimeoutError' as const;
  /** What did not sync: a reflector's or informer's name. */
  readonly waitedFor: string;
  /** The timeout that passed, in milliseconds. */
  readonly timeoutMilliseconds: number;

  /**
   * @param waitedFor - the name of what did not sync.
   * @param timeoutMilliseconds - the timeout.
   * @param lastError - the last error seen (becomes `cause`); `undefined` when none was seen.
   */
  constructor(waitedFor: string, timeoutMilliseconds: number, lastError: unknown) {
    const seen =
      lastError === undefined
        ? 'no error was seen (still listing?)'
        : `last error: ${describeFailure(lastError)}`;
    super(
      `${waitedFor} did not sync within ${timeoutMilliseconds} ms; ${seen}`,
      lastError === undefined ? undefined : { cause: lastError },
    );
    this.waitedFor = waitedFor;
    this.timeoutMilliseconds = timeoutMilliseconds;
  }

  /**
   * Whether `error` is a `SyncTimeoutError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `SyncTimeoutError`.
   */
  static override isInstance(error: unknown): error is SyncTimeoutError {
    return KubeCacheError.hasName(error, 'SyncTimeoutError');
  }
}
