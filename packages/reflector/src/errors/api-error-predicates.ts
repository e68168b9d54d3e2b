import { ApiStatusError } from '@kube-cache/indexer';
import { ConnectionLostError } from './connection-lost-error';

/**
 * Whether a list or watch failed because the requested resourceVersion is no longer available:
 * `410` with reason `Expired`, or reason `Gone` (servers up to 1.17).
 *
 * @param error - anything caught from a list or watch.
 * @returns `true` when a relist from a fresh resourceVersion is needed.
 * @since 0.1.0
 */
export function isExpiredError(error: unknown): boolean {
  if (!ApiStatusError.isInstance(error)) return false;
  return (
    error.reason === 'Expired' ||
    error.reason === 'Gone' ||
    (error.reason === undefined && error.code === 410)
  );
}

/**
 * Whether a list or watch failed because the requested resourceVersion is newer than the server
 * has seen: a cause `ResourceVersionTooLarge`, or (servers before 1.18.6) a `Timeout` whose cause
 * message or status message says "Too large resource version".
 *
 * @param error - anything caught from a list or watch.
 * @returns `true` for a "too large resource version" answer.
 * @since 0.1.0
 */
export function isTooLargeResourceVersionError(error: unknown): boolean {
  if (!ApiStatusError.isInstance(error)) return false;
  const causes = error.status?.details?.causes ?? [];
  if (causes.some((cause) => cause.reason === 'ResourceVersionTooLarge')) return true;
  const isTimeout = error.reason === 'Timeout' || error.code === 504;
  if (!isTimeout) return false;
  const phrase = 'Too large resource version';
  if (causes.some((cause) => cause.message === phrase)) return true;
  return (error.status?.message ?? error.message).includes(phrase);
}

/**
 * Whether the server asked the client to slow down (`429 TooManyRequests`).
 *
 * @param error - anything caught.
 * @returns `true` for a 429.
 * @since 0.1.0
 */
export function isTooManyRequestsError(error: unknown): boolean {
  return (
    ApiStatusError.isInstance(error) && (error.code === 429 || error.reason === 'TooManyRequests')
  );
}

/**
 * Whether `error` (or one of its causes) is a refused TCP connection (`ECONNREFUSED`).
 *
 * @param error - anything caught.
 * @returns `true` when the server is not listening.
 * @since 0.1.0
 */
export function isConnectionRefusedError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if ((current as { code?: unknown }).code === 'ECONNREFUSED') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether a failed watch should be retried after a backoff without relisting (client-go's
 * `isWatchErrorRetriable`): connection refused or 429, and (since 0.2.0) a lost connection
 * (`ConnectionLostError`), which says nothing about the resourceVersion.
 *
 * @param error - anything caught while opening a watch.
 * @returns `true` to back off and re-watch.
 * @since 0.1.0
 */
export function isRetriableWatchError(error: unknown): boolean {
  return (
    isConnectionRefusedError(error) ||
    isTooManyRequestsError(error) ||
    ConnectionLostError.isInstance(error)
  );
}

// A server asking for more than this is capped: a hostile or broken answer must not park the
// reflector for hours.
const maximumRetryAfterMilliseconds = 10 * 60_000;

/**
 * The wait the server asked for before a retry: `ApiStatusError.retryAfterMilliseconds` (from
 * `Retry-After` or the Status's `details.retryAfterSeconds`), capped at 10 minutes.
 *
 * @param error - anything caught.
 * @returns milliseconds, or 0 when the server asked for nothing.
 * @since 0.2.0
 */
export function requestedRetryDelay(error: unknown): number {
  if (!ApiStatusError.isInstance(error)) return 0;
  const milliseconds = error.retryAfterMilliseconds;
  if (milliseconds === undefined || !Number.isFinite(milliseconds) || milliseconds <= 0) return 0;
  return Math.min(milliseconds, maximumRetryAfterMilliseconds);
}

const brokenStreamCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  // HTTP/2: the server reset the stream (RST_STREAM) or the session went away.
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_STREAM_CANCEL',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_INVALID_SESSION',
]);

/**
 * Whether an open watch stream broke at the transport level (connection reset, premature close,
 * an HTTP/2 stream reset, a `ConnectionLostError`) rather than the server rejecting something. Like a normal close, this is answered by watching
 * again from the last resourceVersion, without a relist.
 *
 * @param error - anything thrown by a watch iterator.
 * @returns `true` for a broken connection.
 * @since 0.1.0
 */
export function isBrokenStreamError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (ConnectionLostError.isInstance(error)) return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && brokenStreamCodes.has(code)) ||
    message === 'aborted' ||
    message === 'terminated'
  );
}
