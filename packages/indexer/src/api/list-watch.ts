import type { KubeObject } from './kube-object';

/**
 * The options of a list or a watch request, named as in the Kubernetes API (`metav1.ListOptions`).
 *
 * @since 0.1.0
 */
export interface ListOptions {
  resourceVersion?: string | undefined;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan' | undefined;
  limit?: number | undefined;
  continue?: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  timeoutSeconds?: number | undefined;
  allowWatchBookmarks?: boolean | undefined;
  sendInitialEvents?: boolean | undefined;
}

/**
 * One page of a list: the items and the list's metadata.
 *
 * @since 0.1.0
 */
export interface ListResult<T> {
  items: T[];
  /** The resourceVersion of the list as a whole (list metadata). */
  resourceVersion: string;
  /** Present when more pages follow. */
  continue?: string | undefined;
  remainingItemCount?: number | undefined;
}

/**
 * A cause inside a {@link Status}'s details.
 *
 * @since 0.1.0
 */
export interface StatusCause {
  reason?: string | undefined;
  message?: string | undefined;
  field?: string | undefined;
}

/**
 * The Kubernetes `Status` object, as sent with an error response or a watch `ERROR` event.
 *
 * @since 0.1.0
 */
export interface Status {
  apiVersion?: string | undefined;
  kind?: 'Status' | undefined;
  metadata?: Record<string, unknown> | undefined;
  status?: 'Success' | 'Failure' | undefined;
  message?: string | undefined;
  reason?: string | undefined;
  code?: number | undefined;
  details?:
    | {
        name?: string | undefined;
        group?: string | undefined;
        kind?: string | undefined;
        uid?: string | undefined;
        causes?: readonly StatusCause[] | undefined;
        retryAfterSeconds?: number | undefined;
      }
    | undefined;
}

/**
 * The type of a watch event.
 *
 * @since 0.1.0
 */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * One event of a watch stream. `BOOKMARK` objects carry only `apiVersion`, `kind` and
 * `metadata.resourceVersion` (and annotations such as `k8s.io/initial-events-end`); `ERROR`
 * carries a {@link Status}.
 *
 * @since 0.1.0
 */
export type WatchEvent<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'BOOKMARK'; object: T | KubeObject }
  | { type: 'ERROR'; object: Status };

/**
 * The event stream a {@link ListerWatcher}'s `watch` resolves with. `connectionHealthChecked` is
 * `true` when the stream runs on a connection that a health check watches (an HTTP/2 session
 * with client-go's PING rule): a dead connection is then detected there, so the reader does not
 * need a fixed inactivity timer to catch it.
 *
 * @since 0.2.0
 */
export interface WatchStream<T> extends AsyncIterable<WatchEvent<T>> {
  /** Whether a connection health check protects this stream (absent: no). */
  readonly connectionHealthChecked?: boolean | undefined;
}

/**
 * The source of a reflector: lists and watches one resource.
 *
 * Contract:
 * - `list` resolves with one page, or rejects. An HTTP error from the server rejects with an
 *   `ApiStatusError` (its `code`, `reason` and `status`); a network failure rejects with the
 *   underlying error (for example one with `code: 'ECONNREFUSED'`).
 * - `watch` resolves once the server accepted the watch (or rejects as `list` does), with an
 *   async iterable of events. The iterable ends when the server closes the stream, throws when
 *   the stream fails (a malformed line, a reset connection), and ends or throws an `AbortError`
 *   soon after `signal` aborts.
 *
 * @since 0.1.0
 */
export interface ListerWatcher<T> {
  list(options: ListOptions, signal: AbortSignal): Promise<ListResult<T>>;
  watch(options: ListOptions, signal: AbortSignal): Promise<WatchStream<T>>;
}
