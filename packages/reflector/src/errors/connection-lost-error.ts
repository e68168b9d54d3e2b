import { KubeCacheError } from '@kube-cache/store-core';

/**
 * Why a connection was declared lost.
 *
 * - `ping-timeout`: the HTTP/2 health check sent a PING after a quiet spell and no ACK came in
 *   time (client-go's "http2: client connection lost").
 * - `closed`: the connection closed or failed (reset, end of stream, a GOAWAY with an error)
 *   while requests were open on it.
 * - `connect-timeout`: the TCP/TLS connection or the server's first SETTINGS did not come in time.
 *
 * @since 0.2.0
 */
export type ConnectionLossReason = 'ping-timeout' | 'closed' | 'connect-timeout';

/**
 * The connection under a list or watch was lost. Over HTTP/2 every list and watch sharing the
 * session fails with this one error at the same moment. The reflector answers it by watching again
 * from its last resourceVersion on a fresh connection, without a relist.
 *
 * @example
 * ```ts
 * reflector.events.subscribe((event) => {
 *   if (event.type === 'error' && ConnectionLostError.isInstance(event.error)) {
 *     console.warn(`lost ${event.error.origin}: ${event.error.reason}`);
 *   }
 * });
 * ```
 * @since 0.2.0
 */
export class ConnectionLostError extends KubeCacheError {
  override readonly name = 'ConnectionLostError' as const;
  /** Why the connection was declared lost. */
  readonly reason: ConnectionLossReason;
  /** The server's origin (scheme, host and port; never credentials). */
  readonly origin: string;

  /**
   * @param reason - why the connection was declared lost.
   * @param options - the server's origin, a detail for the message, and the `cause`.
   */
  constructor(
    reason: ConnectionLossReason,
    options: { origin: string; detail?: string | undefined; cause?: unknown },
  ) {
    const what = {
      'ping-timeout': 'no answer to the health-check PING',
      closed: 'the connection closed',
      'connect-timeout': 'the connection was not established in time',
    }[reason];
    const detail = options.detail === undefined ? '' : ` (${options.detail})`;
    super(
      `the connection to ${options.origin} was lost: ${what}${detail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.reason = reason;
    this.origin = options.origin;
  }

  /**
   * Whether `error` is a `ConnectionLostError`, from any installed copy.
   *
   * @param error - anything caught.
   * @returns `true` for a `ConnectionLostError`.
   */
  static override isInstance(error: unknown): error is ConnectionLostError {
    return KubeCacheError.hasName(error, 'ConnectionLostError');
  }
}
