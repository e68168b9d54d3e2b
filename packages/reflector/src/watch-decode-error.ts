import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A watch stream carried a line that is not a watch event: not JSON, not an object, or without a
 * string `type` and an object `object`. Thrown from the watch iterator; the reflector reports it
 * and relists, so nothing is silently skipped.
 *
 * @since 0.1.0
 */
export class WatchDecodeError extends KubeCacheError {
  override readonly name = 'WatchDecodeError' as const;
  /** The offending line, cut to 200 characters. */
  readonly line: string;

  /**
   * @param message - what is wrong with the line.
   * @param line - the raw line (kept up to 200 characters).
   * @param options - the `cause`, for example the `SyntaxError` of `JSON.parse`.
   */
  constructor(message: string, line: string, options?: { cause?: unknown }) {
    super(message, options);
    this.line = line.length > 200 ? `${line.slice(0, 200)}...` : line;
  }

  /**
   * Whether `error` is a `WatchDecodeError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `WatchDecodeError`.
   */
  static override isInstance(error: unknown): error is WatchDecodeError {
    return KubeCacheError.hasName(error, 'WatchDecodeError');
  }
}
