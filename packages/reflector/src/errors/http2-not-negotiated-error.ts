import { KubeCacheError } from '@kube-cache/store-core';

/**
 * The server did not choose `h2` during the TLS handshake (ALPN), so it speaks HTTP/1.1 only.
 * With `protocol: 'auto'` the transport falls back to HTTP/1.1 and this error is not seen; with
 * `protocol: 'http2'` a request fails with it.
 *
 * @since 0.2.0
 */
export class Http2NotNegotiatedError extends KubeCacheError {
  override readonly name = 'Http2NotNegotiatedError' as const;
  /** The server's origin. */
  readonly origin: string;
  /** What the server chose instead (`http/1.1`, or `none`). */
  readonly negotiated: string;

  /**
   * @param origin - the server's origin.
   * @param negotiated - the ALPN protocol the server chose, `false` for none.
   */
  constructor(origin: string, negotiated: string | false | null) {
    const chosen = typeof negotiated === 'string' ? negotiated : 'none';
    super(`the server ${origin} does not speak HTTP/2 (ALPN chose ${chosen})`);
    this.origin = origin;
    this.negotiated = chosen;
  }

  /**
   * Whether `error` is an `Http2NotNegotiatedError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for an `Http2NotNegotiatedError`.
   */
  static override isInstance(error: unknown): error is Http2NotNegotiatedError {
    return KubeCacheError.hasName(error, 'Http2NotNegotiatedError');
  }
}
