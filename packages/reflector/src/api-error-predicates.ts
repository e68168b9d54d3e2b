import { ApiStatusError } from '@kube-cache/indexer';

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
 * `isWatchErrorRetriable`): connection refused or 429.
 *
 * @param error - anything caught while opening a watch.
 * @returns `true` to back off and re-watch.
 * @since 0.1.0
 */
export function isRetriableWatchError(error: unknown): boolean {
  return isConnectionRefusedError(error) || isTooManyRequestsError(error);
}

const brokenStreamCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

/**
 * Whether an open watch stream broke at the transport level (connection reset, premature close)
 * rather than the server rejecting something. Like a normal close, this is answered by watching
 * again from the last resourceVersion, without a relist.
 *
 * @param error - anything thrown by a watch iterator.
 * @returns `true` for a broken connection.
 * @since 0.1.0
 */
export function isBrokenStreamError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && brokenStreamCodes.has(code)) ||
    message === 'aborted' ||
    message === 'terminated'
  );
}
