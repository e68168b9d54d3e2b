import type { DeletedFinalStateUnknown, ListerWatcher } from '@kube-cache/indexer';
import type { Clock } from '@kube-cache/store-core';
import type { RelistReason } from './relist-reason';

/**
 * What a reflector writes to: any `@kube-cache/indexer` Store, or a queue (RealFIFO, DeltaFIFO)
 * with the same methods. Methods may throw; the reflector reports the error and goes on.
 *
 * @since 0.1.0
 */
export interface ReflectorStore<T> {
  add(object: T): void;
  update(object: T): void;
  delete(object: T | DeletedFinalStateUnknown<T>): void;
  replace(list: readonly T[], resourceVersion: string): void;
  resync(): void;
}

/**
 * An optional store method: told the resourceVersion after every watch event and bookmark
 * (client-go's `ResourceVersionUpdater`).
 *
 * @since 0.1.0
 */
export interface ResourceVersionUpdater {
  /** Called with the resourceVersion of every applied watch event and bookmark. */
  updateResourceVersion(resourceVersion: string): void;
}

/**
 * Backoff between failed attempts: exponential from `initialMilliseconds` doubling up to
 * `maxMilliseconds`, each wait jittered to `[d, d * (1 + jitter))`, and reset once nothing failed
 * for `resetAfterMilliseconds`. Defaults are client-go's: 800 ms, 30 s, jitter 1.0, 2 minutes.
 *
 * @since 0.1.0
 */
export interface BackoffOptions {
  initialMilliseconds?: number | undefined;
  maxMilliseconds?: number | undefined;
  jitter?: number | undefined;
  resetAfterMilliseconds?: number | undefined;
}

/**
 * The structured events of a reflector, for logs, progress bars and metrics. A discriminated union
 * on `type`.
 *
 * @since 0.1.0
 */
export type ReflectorEvent =
  | { type: 'list-page'; items: number; totalSoFar: number; remainingItemCount: number | undefined }
  | { type: 'listed'; items: number; resourceVersion: string; pages: number }
  | { type: 'synced'; resourceVersion: string }
  | { type: 'watch-started'; resourceVersion: string; timeoutSeconds: number }
  | { type: 'watch-ended'; resourceVersion: string; events: number; error: unknown }
  | { type: 'relisting'; reason: RelistReason }
  | { type: 'backoff'; milliseconds: number; error: unknown }
  | { type: 'resync' }
  | { type: 'error'; error: unknown };

/**
 * The options of a {@link Reflector}.
 *
 * @since 0.1.0
 */
export interface ReflectorOptions<T> {
  /** The source of objects. */
  listerWatcher: ListerWatcher<T>;
  /** Where objects go. */
  store: ReflectorStore<T>;
  /** A name for errors and events; defaults to the expected kind or `reflector`. */
  name?: string | undefined;
  /** When set, watch objects whose `apiVersion`/`kind` differ are dropped with a reported error. */
  expectedType?: { apiVersion?: string | undefined; kind: string } | undefined;
  /** Items per list page; default 500. */
  pageSize?: number | undefined;
  /** How often to call `store.resync()`; 0 or absent: never. */
  resyncPeriodMilliseconds?: number | undefined;
  /** Asked before each resync; `false` skips that one. */
  shouldResync?: (() => boolean) | undefined;
  /** The server-side watch timeout is random in [min, 2*min); default 5 minutes. */
  minWatchTimeoutMilliseconds?: number | undefined;
  /** A watch with no event or bookmark for this long is treated as dead and reopened. */
  watchInactivityTimeoutMilliseconds?: number | undefined;
  /** Backoff between failures. */
  backoff?: BackoffOptions | undefined;
  /** Timers; default {@link systemClock}. */
  clock?: Clock | undefined;
  /** Applied to every listed and watched object before it reaches the store. */
  transform?: ((object: T) => T) | undefined;
  /**
   * Use a streaming list (`sendInitialEvents`) first, falling back to list+watch for the current
   * cycle when refused (the next relist tries watch-list again).
   */
  useWatchList?: boolean | undefined;
  /**
   * Called with every list or watch error. Without it (and without a listener of the reflector's
   * events) each distinct failure is reported with `process.emitWarning` (type
   * `KubeCacheWarning`, code `KUBE_CACHE_LIST_WATCH_FAILED`), at most once a minute.
   */
  onWatchError?: ((error: unknown) => void) | undefined;
}

/**
 * Options of `Reflector.waitForSync`.
 *
 * @since 0.2.0
 */
export interface WaitForSyncOptions {
  /** Stops waiting: the promise rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /**
   * Rejects with a `SyncTimeoutError` (its `cause` the last list or watch error) when the
   * reflector has not synced within this many milliseconds.
   */
  timeoutMilliseconds?: number | undefined;
}
