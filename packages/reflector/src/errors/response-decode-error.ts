import { KubeCacheError } from '@kube-cache/store-core';

/**
 * A successful (2xx) list response whose body cannot be used: not JSON, without an `items`
 * array, or larger than the list limit. The message gives lengths only, never the body's text.
 *
 * @since 0.1.0
 */
export class ResponseDecodeError extends KubeCacheError {
  override readonly name = 'ResponseDecodeError' as const;
  /**
   * The bytes of the body read (all of it, or up to the point the limit was exceeded).
   *
   * @since 0.2.0
   */
  readonly bodyBytes: number | undefined;
  /**
   * The body limit that was exceeded (`maxListBytes`), for an over-large body.
   *
   * @since 0.2.0
   */
  readonly maxBytes: number | undefined;

  /**
   * @param message - what is wrong with the body (no text of it).
   * @param options - the `cause` (never one whose message quotes the body), the body's length
   *   read so far and the limit it exceeded.
   */
  constructor(
    message: string,
    options?: { cause?: unknown; bodyBytes?: number | undefined; maxBytes?: number | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.bodyBytes = options?.bodyBytes;
    this.maxBytes = options?.maxBytes;
  }

  /**
   * Whether `error` is a `ResponseDecodeError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `ResponseDecodeError`.
   */
  static override isInstance(error: unknown): error is ResponseDecodeError {
    return KubeCacheError.hasName(error, 'ResponseDecodeError');
  }
}
