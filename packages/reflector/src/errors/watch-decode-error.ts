import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Where and how long the offending watch line was. No raw text is kept: a proxy or a broken
 * server may echo request headers (the bearer token) into the body.
 */
export interface WatchDecodeErrorDetails {
  /** The length of the offending line in bytes (for an over-long line: the bytes read of it). */
  lineBytes?: number | undefined;
  /** The byte offset in the response body where the offending line starts. */
  streamOffset?: number | undefined;
  /** The line limit that was exceeded (`maxWatchLineBytes`), for an over-long line. */
  maxLineBytes?: number | undefined;
}

/**
 * A watch stream carried a line that is not a watch event: not JSON, not an object, without a
 * string `type` and an object `object`, or longer than the line limit. Thrown from the watch
 * iterator; the reflector reports it and relists, so nothing is silently skipped. The message
 * and the fields give lengths and positions only, never the text of the line.
 *
 * @since 0.1.0
 */
export class WatchDecodeError extends KubeCacheError {
  override readonly name = 'WatchDecodeError' as const;
  /**
   * The length of the offending line in bytes (UTF-16 code units when the caller passed the text),
   * or the bytes read of it when it exceeded the limit.
   *
   * @since 0.2.0
   */
  readonly lineBytes: number | undefined;
  /**
   * The byte offset in the response body where the offending line starts.
   *
   * @since 0.2.0
   */
  readonly streamOffset: number | undefined;
  /**
   * The line limit that was exceeded, for an over-long line.
   *
   * @since 0.2.0
   */
  readonly maxLineBytes: number | undefined;

  /**
   * @param message - what is wrong with the line (no text of it).
   * @param details - its length and position; a string is taken as the offending text, of which
   *   only the length is kept.
   * @param options - the `cause`; never pass an error whose message quotes the line (V8's
   *   `JSON.parse` errors do).
   */
  constructor(
    message: string,
    details: WatchDecodeErrorDetails | string = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    const known = typeof details === 'string' ? { lineBytes: details.length } : details;
    this.lineBytes = known.lineBytes;
    this.streamOffset = known.streamOffset;
    this.maxLineBytes = known.maxLineBytes;
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
