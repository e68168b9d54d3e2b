import {
  isBrokenStreamError,
  isConnectionRefusedError,
  isExpiredError,
  isTooLargeResourceVersionError,
  isTooManyRequestsError,
} from '../errors/api-error-predicates';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import type { RelistReason } from './relist-reason';

/**
 * What went wrong in a list or watch, as far as the reflector's next step is concerned. One
 * answer per error, checked in this order (the first match wins):
 * - `invalid-config`: the KubeConfig or resource can never work; the reflector stops.
 * - `inactivity`: no answer, event or bookmark within the inactivity limit.
 * - `connection-lost`: the transport saw the connection die; says nothing about the
 *   resourceVersion.
 * - `expired`: `410 Gone`, the resourceVersion was compacted away; relist from "".
 * - `too-large-resource-version`: the server has not seen that resourceVersion yet; relist from "".
 * - `too-many-requests`: `429`; back off (honouring `Retry-After`).
 * - `connection-refused`: nothing listens; back off.
 * - `broken-stream`: a reset or premature close of an open stream; watch again.
 * - `other`: anything else.
 */
export type ListWatchErrorKind =
  | 'invalid-config'
  | 'inactivity'
  | 'connection-lost'
  | 'expired'
  | 'too-large-resource-version'
  | 'too-many-requests'
  | 'connection-refused'
  | 'broken-stream'
  | 'other';

/**
 * Sorts an error from a list or watch into one {@link ListWatchErrorKind}: the one place the
 * reflector and its watch-list tell errors apart.
 *
 * @param error - anything caught from a list, a watch request or a watch stream.
 * @returns the kind.
 */
export function classifyListWatchError(error: unknown): ListWatchErrorKind {
  if (InvalidListWatchConfigError.isInstance(error)) return 'invalid-config';
  if (InactivityTimeoutError.isInstance(error)) return 'inactivity';
  if (ConnectionLostError.isInstance(error)) return 'connection-lost';
  if (isExpiredError(error)) return 'expired';
  if (isTooLargeResourceVersionError(error)) return 'too-large-resource-version';
  if (isTooManyRequestsError(error)) return 'too-many-requests';
  if (isConnectionRefusedError(error)) return 'connection-refused';
  if (isBrokenStreamError(error)) return 'broken-stream';
  return 'other';
}

/**
 * Whether the requested resourceVersion is gone or not there yet: the next list or watch-list
 * asks for "" (a consistent read) instead.
 *
 * @param kind - the classified error.
 * @returns `true` for `expired` and `too-large-resource-version`.
 */
export function isResourceVersionUnavailable(kind: ListWatchErrorKind): boolean {
  return kind === 'expired' || kind === 'too-large-resource-version';
}

/**
 * client-go's `isWatchErrorRetriable`: a refused or lost connection, or a 429. A watch that could
 * not open for one of these is retried after a backoff from the same resourceVersion, no relist.
 *
 * @param kind - the classified error.
 * @returns `true` to back off and watch again.
 */
export function isRetriableWatchFailure(kind: ListWatchErrorKind): boolean {
  return (
    kind === 'connection-lost' || kind === 'connection-refused' || kind === 'too-many-requests'
  );
}

/**
 * Why the reflector lists again after this error.
 *
 * @param kind - the classified error.
 * @returns `expired` or `too-large-resource-version`, else `watch-error`.
 */
export function relistReasonFor(kind: ListWatchErrorKind): RelistReason {
  if (kind === 'expired' || kind === 'too-large-resource-version') return kind;
  return 'watch-error';
}
