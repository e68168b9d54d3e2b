import type { ListOptions } from '@kube-cache/indexer';
import { abortableSleep } from '@kube-cache/store-core';
import {
  isBrokenStreamError,
  isExpiredError,
  isRetriableWatchError,
  isTooLargeResourceVersionError,
  isTooManyRequestsError,
  requestedRetryDelay,
} from '../errors/api-error-predicates';
import { ExponentialBackoff } from './exponential-backoff';
import { FailureWarnings } from './failure-warnings';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { listAllPages } from '../list-watch/list-pager';
import type { PagedListResult } from '../list-watch/list-pager';
import { ReflectorAlreadyRunningError } from '../errors/reflector-already-running-error';
import { ReflectorCallbackError } from '../errors/reflector-callback-error';
import { ReflectorEvents } from './reflector-events';
import type { RelistReason } from './relist-reason';
import { startResyncTimer } from './resync-timer';
import { SyncTimeoutError } from '../errors/sync-timeout-error';
import { timedList } from '../list-watch/timed-list';
import { defaultPageSize, reflectorSettings } from './reflector-settings';
import type { ReflectorSettings } from './reflector-settings';
import type { ReflectorOptions } from './reflector-types';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { VeryShortWatchError } from '../errors/very-short-watch-error';
import { applyWatchEvent } from '../watch/watch-event-handler';
import type {
  AppliedWatchEvent,
  WatchEventContext,
  WatchEventSink,
} from '../watch/watch-event-handler';
import { runWatchList } from './watch-list';
import { WatchSession } from '../watch/watch-session';
import { BookmarkPeriod } from '../watch/bookmark-period';

/** How one list-and-watch cycle ended. */
interface CycleOutcome {
  reason: RelistReason;
  error: unknown;
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

const veryShortWatchMilliseconds = 1000;

/**
 * Options of {@link Reflector.waitForSync}.
 *
 * @since 0.2.0
 */
export interface WaitForSyncOptions {
  /** Stops waiting: the promise rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /**
   * Rejects with a {@link SyncTimeoutError} (its `cause` the last list or watch error) when the
   * reflector has not synced within this many milliseconds.
   */
  timeoutMilliseconds?: number | undefined;
}

/** A pending `waitForSync`. */
interface SyncWaiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Keeps a store in step with the API server, as client-go's reflector: lists (paged, from
 * resourceVersion "0" at first), replaces the store, then watches from the list's
 * resourceVersion with bookmarks, applying every event, and starts over as needed: re-watch after
 * a normal close, relist after an expired resourceVersion or a failed watch, back off on 429 and
 * refused connections. It stops by itself only for a configuration that can never work
 * ({@link InvalidListWatchConfigError}: `run()` rejects with it); otherwise only the signal given to
 * {@link Reflector.run} stops it. Errors go to `onWatchError` and to {@link Reflector.events}; with
 * neither an `onWatchError` nor an events listener, each distinct failure is reported with
 * `process.emitWarning` (type `KubeCacheWarning`), at most once a minute.
 *
 * @example
 * ```ts
 * const store = new Cache<V1ConfigMap>();
 * const reflector = new Reflector({
 *   listerWatcher: createListWatch<V1ConfigMap>(kubeConfig, { apiVersion: 'v1', plural: 'configmaps' }),
 *   store,
 *   expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
 * });
 * const controller = new AbortController();
 * void reflector.run(controller.signal);
 * await reflector.waitForSync();
 * ```
 * @since 0.1.0
 */
export class Reflector<T> {
  /** The structured events (listed, synced, watch-started, watch-ended, relisting, backoff, ...). */
  readonly events = new ReflectorEvents();
  readonly #settings: ReflectorSettings<T>;
  readonly #backoff: ExponentialBackoff;
  readonly #syncWaiters = new Set<SyncWaiter>();
  readonly #warnings: FailureWarnings;
  #lastError: unknown;
  #lastSyncResourceVersion = '';
  #lastSyncResourceVersionUnavailable = false;
  #paginatedResult = false;
  #synced = false;
  #watching = false;
  #running = false;
  #watchListUnsupported = false;
  /** The period of the server's watch bookmarks, learned across watches (the inactivity rule). */
  readonly #bookmarkPeriod = new BookmarkPeriod();

  /**
   * @param options - the lister-watcher, the store and the {@link ReflectorOptions}.
   * @throws {@link InvalidReflectorOptionsError} for a missing lister-watcher or store, or an
   *   option out of range.
   */
  constructor(options: ReflectorOptions<T>) {
    this.#settings = reflectorSettings(options);
    this.#backoff = new ExponentialBackoff(this.#settings.backoff, this.#settings.clock);
    this.#warnings = new FailureWarnings({
      source: `reflector "${this.#settings.name}"`,
      clock: this.#settings.clock,
    });
  }

  /** The reflector's name (the `name` option, else the expected kind, else `reflector`). */
  get name(): string {
    return this.#settings.name;
  }

  /**
   * Whether the first list (or watch-list) has been applied to the store.
   *
   * @returns `true` once synced; it stays `true`.
   */
  hasSynced(): boolean {
    return this.#synced;
  }

  /**
   * The resourceVersion of the last list, watch event or bookmark applied ("" before the first).
   *
   * @returns the resourceVersion.
   */
  lastSyncResourceVersion(): string {
    return this.#lastSyncResourceVersion;
  }

  /**
   * Whether a watch is open right now.
   *
   * @returns `true` while events are being received.
   */
  isWatching(): boolean {
    return this.#watching;
  }

  /**
   * The last list or watch error reported (`undefined` before the first). It is kept after a
   * later success, so it says what went wrong most recently.
   *
   * @returns the error.
   * @since 0.2.0
   */
  lastError(): unknown {
    return this.#lastError;
  }

  /**
   * Resolves once the reflector has synced (at once if it already has).
   *
   * @param options - a signal that stops waiting, or `{ signal, timeoutMilliseconds }`.
   * @returns a promise of the sync.
   * @throws `signal.reason` (rejects) when `signal` aborts first; a {@link SyncTimeoutError}
   *   (rejects) when `timeoutMilliseconds` pass first; the {@link InvalidListWatchConfigError}
   *   that stopped `run()`.
   */
  waitForSync(options?: AbortSignal | WaitForSyncOptions): Promise<void> {
    const { signal, timeoutMilliseconds } =
      options instanceof AbortSignal
        ? { signal: options, timeoutMilliseconds: undefined }
        : (options ?? {});
    if (this.#synced) return Promise.resolve();
    if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
    const { clock } = this.#settings;
    return new Promise<void>((resolve, reject) => {
      let timer: unknown;
      const cleanUp = (): void => {
        this.#syncWaiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) clock.clearTimeout(timer);
      };
      const onAbort = (): void => {
        cleanUp();
        reject(signal?.reason as Error);
      };
      const waiter: SyncWaiter = {
        resolve: () => {
          cleanUp();
          resolve();
        },
        reject: (error: Error) => {
          cleanUp();
          reject(error);
        },
      };
      this.#syncWaiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMilliseconds !== undefined) {
        timer = clock.setTimeout(() => {
          waiter.reject(new SyncTimeoutError(this.name, timeoutMilliseconds, this.#lastError));
        }, timeoutMilliseconds);
      }
    });
  }

  /**
   * Lists and watches until `signal` aborts, retrying every failure with backoff, except a
   * configuration that can never work.
   *
   * @param signal - stops the reflector (open requests are aborted).
   * @returns a promise that resolves soon after `signal` aborts.
   * @throws {@link ReflectorAlreadyRunningError} (rejects) when already running; an
   *   {@link InvalidListWatchConfigError} (rejects, after reporting it) when the KubeConfig or
   *   the resource can never work (no cluster, an unusable server URL, an `http://` server
   *   client-node refuses, a missing certificate file): pending `waitForSync` calls reject with it.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#running) throw new ReflectorAlreadyRunningError(this.name);
    this.#running = true;
    try {
      let reason: RelistReason = this.#synced ? 'watch-error' : 'initial';
      while (!signal.aborted) {
        const outcome = await this.#listAndWatch(signal, reason);
        if (signal.aborted) break;
        if (InvalidListWatchConfigError.isInstance(outcome.error)) {
          // Retrying cannot help: stop, and let the waiters know why.
          for (const waiter of [...this.#syncWaiters]) waiter.reject(outcome.error);
          throw outcome.error;
        }
        reason = outcome.reason;
        await this.#backoffSleep(signal, outcome.error);
      }
    } finally {
      this.#running = false;
      this.#watching = false;
    }
  }

  async #listAndWatch(signal: AbortSignal, reason: RelistReason): Promise<CycleOutcome> {
    let session: WatchSession<T> | undefined;
    try {
      if (this.#settings.useWatchList && !this.#watchListUnsupported) {
        const result = await runWatchList(this.#watchListHost(), signal);
        if (result === 'unsupported') this.#watchListUnsupported = true;
        else if (result !== 'fallback') session = result;
      }
      if (signal.aborted) return { reason, error: undefined };
      if (session === undefined) await this.#list(signal, reason);
    } catch (error) {
      if (!signal.aborted) this.#report(error);
      return { reason: this.#synced ? this.#reasonFor(error) : 'initial', error };
    }
    // As client-go's watchWithResync: resync only after a successful list, while watching (and
    // re-opening watches), never from a cache that failing lists are not refreshing.
    const stopResync = startResyncTimer(
      this.#settings.clock,
      this.#settings.resyncPeriodMilliseconds,
      signal,
      () => this.#resyncOnce(),
    );
    try {
      return await this.#watchLoop(signal, session);
    } finally {
      stopResync();
    }
  }

  async #list(signal: AbortSignal, reason: RelistReason): Promise<void> {
    this.events.emit({ type: 'relisting', reason });
    const { listerWatcher, clock, watchInactivityTimeoutMilliseconds } = this.#settings;
    const list = timedList(listerWatcher, clock, watchInactivityTimeoutMilliseconds);
    let resourceVersion = this.#relistResourceVersion();
    let result: PagedListResult<T>;
    for (;;) {
      const options: ListOptions = { resourceVersion };
      const limit = this.#pageSizeFor(resourceVersion);
      if (limit !== undefined) options.limit = limit;
      // With a limit and no match, the server reads exactly that version (from etcd), which can
      // hand back a version its watch cache has already forgotten: the next watch gets 410 and
      // the reflector would relist at the same stale version forever. Ask for "not older than".
      if (limit !== undefined && resourceVersion !== '' && resourceVersion !== '0') {
        options.resourceVersionMatch = 'NotOlderThan';
      }
      try {
        result = await listAllPages({ list }, options, signal, (page, totalSoFar) => {
          this.events.emit({
            type: 'list-page',
            items: page.items.length,
            totalSoFar,
            remainingItemCount: page.remainingItemCount,
          });
        });
        break;
      } catch (error) {
        const expired = isExpiredError(error);
        if (
          signal.aborted ||
          resourceVersion === '' ||
          !(expired || isTooLargeResourceVersionError(error))
        )
          throw error;
        // The version we asked for is gone (or not yet there): one consistent read from etcd.
        this.#report(error);
        this.#lastSyncResourceVersionUnavailable = true;
        this.events.emit({
          type: 'relisting',
          reason: expired ? 'expired' : 'too-large-resource-version',
        });
        resourceVersion = '';
      }
    }
    if (resourceVersion === '0' && result.paginated) this.#paginatedResult = true;
    this.#lastSyncResourceVersionUnavailable = false;
    const items = result.items.map(this.#transform);
    this.events.emit({
      type: 'listed',
      items: items.length,
      resourceVersion: result.resourceVersion,
      pages: result.pages,
    });
    this.#replace(items, result.resourceVersion);
  }

  #replace(items: readonly T[], resourceVersion: string): void {
    try {
      this.#settings.store.replace(items, resourceVersion);
    } catch (error) {
      throw new ReflectorCallbackError('replace', error);
    }
    this.#lastSyncResourceVersion = resourceVersion;
    if (!this.#synced) {
      this.#synced = true;
      for (const waiter of [...this.#syncWaiters]) waiter.resolve();
    }
    this.events.emit({ type: 'synced', resourceVersion });
  }

  async #watchLoop(
    signal: AbortSignal,
    initial: WatchSession<T> | undefined,
  ): Promise<CycleOutcome> {
    let pending = initial;
    while (!signal.aborted) {
      let session: WatchSession<T>;
      try {
        session =
          pending ??
          (await this.#openWatch(signal, {
            resourceVersion: this.#lastSyncResourceVersion,
            allowWatchBookmarks: true,
          }));
      } catch (error) {
        if (signal.aborted) break;
        this.#report(error);
        if (isRetriableWatchError(error) || InactivityTimeoutError.isInstance(error)) {
          await this.#backoffSleep(signal, error);
          continue;
        }
        return { reason: this.#reasonFor(error), error };
      }
      pending = undefined;
      let error = await this.#consume(session, this.#settings.store, signal);
      if (signal.aborted) break;
      const quiet =
        session.events === 0 &&
        this.#settings.clock.now() - session.start < veryShortWatchMilliseconds;
      // A lost connection says nothing about the resourceVersion: never a relist for it.
      const lost = ConnectionLostError.isInstance(error);
      if ((error === undefined || (isBrokenStreamError(error) && !lost)) && quiet)
        error = new VeryShortWatchError(this.name);
      if (error === undefined) continue; // a normal close or the server's timeout: watch again
      this.#report(error);
      if (lost && quiet) {
        // The fresh connection died at once: back off instead of spinning.
        await this.#backoffSleep(signal, error);
        continue;
      }
      if (InactivityTimeoutError.isInstance(error) || isBrokenStreamError(error)) continue;
      if (isTooManyRequestsError(error)) {
        await this.#backoffSleep(signal, error);
        continue;
      }
      return { reason: this.#reasonFor(error), error };
    }
    return { reason: 'watch-error', error: undefined };
  }

  async #openWatch(signal: AbortSignal, options: ListOptions): Promise<WatchSession<T>> {
    const { clock, minWatchTimeoutMilliseconds, watchInactivityTimeoutMilliseconds } =
      this.#settings;
    const timeoutSeconds = Math.floor((minWatchTimeoutMilliseconds / 1000) * (1 + Math.random()));
    const session = await WatchSession.open(
      this.#settings.listerWatcher,
      { ...options, timeoutSeconds },
      {
        clock,
        inactivityMilliseconds: watchInactivityTimeoutMilliseconds,
        signal,
        bookmarkPeriod: this.#bookmarkPeriod,
      },
    );
    this.#watching = true;
    this.events.emit({
      type: 'watch-started',
      resourceVersion: options.resourceVersion ?? '',
      timeoutSeconds,
    });
    return session;
  }

  /** Applies events until the stream ends; returns what ended it (`undefined` for a normal end). */
  async #consume(
    session: WatchSession<T>,
    sink: WatchEventSink<T>,
    signal: AbortSignal,
  ): Promise<unknown> {
    let error: unknown;
    const context = this.#eventContext(sink);
    // One result object for the whole watch: nothing allocated here per event.
    const applied: AppliedWatchEvent = {
      resourceVersion: undefined,
      initialEventsEnd: false,
      bookmark: false,
    };
    try {
      await session.drain((event) => {
        applyWatchEvent(event, context, applied);
        if (applied.resourceVersion !== undefined)
          this.#recordResourceVersion(applied.resourceVersion);
        if (applied.bookmark && !applied.initialEventsEnd) session.bookmarkSeen();
        return true;
      });
    } catch (caught) {
      error = caught;
      // Cut by the bookmark-learned limit: the bookmarks may have stopped (a restarted API server
      // sends none until the resource changes), so the next watch starts from the fixed limit.
      if (InactivityTimeoutError.isInstance(error) && session.limitFromBookmarks) {
        this.#bookmarkPeriod.forget();
      }
    }
    this.#endWatch(session, error);
    return signal.aborted ? undefined : error;
  }

  #endWatch(session: WatchSession<T>, error: unknown): void {
    session.close();
    this.#watching = false;
    this.events.emit({
      type: 'watch-ended',
      resourceVersion: this.#lastSyncResourceVersion,
      events: session.events,
      error,
    });
  }

  #recordResourceVersion(resourceVersion: string): void {
    this.#lastSyncResourceVersion = resourceVersion;
    const store = this.#settings.store as Partial<ResourceVersionUpdater>;
    if (typeof store.updateResourceVersion !== 'function') return;
    try {
      store.updateResourceVersion(resourceVersion);
    } catch (error) {
      this.#report(new ReflectorCallbackError('update', error));
    }
  }

  #eventContext(sink: WatchEventSink<T>): WatchEventContext<T> {
    return {
      sink,
      expectedType: this.#settings.expectedType,
      transform: this.#transform,
      report: this.#report,
    };
  }

  #watchListHost() {
    return {
      settings: this.#settings,
      resourceVersion: () =>
        this.#lastSyncResourceVersionUnavailable ? '' : this.#lastSyncResourceVersion,
      markUnavailable: () => {
        this.#lastSyncResourceVersionUnavailable = true;
      },
      openWatch: (signal: AbortSignal, options: ListOptions) => this.#openWatch(signal, options),
      endWatch: (session: WatchSession<T>, error: unknown) => this.#endWatch(session, error),
      eventContext: (sink: WatchEventSink<T>) => this.#eventContext(sink),
      synced: (items: readonly T[], resourceVersion: string) => {
        this.#lastSyncResourceVersionUnavailable = false;
        this.events.emit({ type: 'listed', items: items.length, resourceVersion, pages: 0 });
        this.#replace(items, resourceVersion);
      },
      report: this.#report,
      backoffSleep: (signal: AbortSignal, error: unknown) => this.#backoffSleep(signal, error),
    };
  }

  readonly #transform = (object: T): T => {
    const transform = this.#settings.transform;
    if (transform === undefined) return object;
    try {
      return transform(object);
    } catch (error) {
      // Never store the object untransformed (it holds what the transform strips), as client-go
      // and the informer's queues: a list is refused whole, a watch event is reported and skipped.
      throw new ReflectorCallbackError('transform', error);
    }
  };

  readonly #report = (error: unknown): void => {
    this.#lastError = error;
    const heard = this.events.hasListeners();
    this.events.emit({ type: 'error', error });
    const handler = this.#settings.onWatchError;
    if (handler === undefined) {
      // Nobody listens: say it the Node way instead of failing silently (rate-limited).
      if (!heard) this.#warnings.warn(error);
      return;
    }
    try {
      handler(error);
    } catch (failure) {
      this.events.emit({ type: 'error', error: new ReflectorCallbackError('listener', failure) });
    }
  };

  async #backoffSleep(signal: AbortSignal, error: unknown): Promise<void> {
    // A 429 (or 5xx) that says how long to wait is honoured, as client-go's REST client does.
    const milliseconds = Math.max(this.#backoff.next(), requestedRetryDelay(error));
    this.events.emit({ type: 'backoff', milliseconds, error });
    await abortableSleep(this.#settings.clock, milliseconds, signal);
  }

  #reasonFor(error: unknown): RelistReason {
    if (isExpiredError(error)) return 'expired';
    if (isTooLargeResourceVersionError(error)) return 'too-large-resource-version';
    return 'watch-error';
  }

  /** client-go's relistResourceVersion: "" after an expired version, "0" at first, else the last. */
  #relistResourceVersion(): string {
    if (this.#lastSyncResourceVersionUnavailable) return '';
    return this.#lastSyncResourceVersion === '' ? '0' : this.#lastSyncResourceVersion;
  }

  /** client-go's paging rule: no limit for an exact-version read unless the server paged before. */
  #pageSizeFor(resourceVersion: string): number | undefined {
    if (this.#settings.explicitPageSize !== undefined) return this.#settings.explicitPageSize;
    if (this.#paginatedResult) return defaultPageSize;
    if (resourceVersion !== '' && resourceVersion !== '0') return undefined;
    return defaultPageSize;
  }

  #resyncOnce(): void {
    if (!this.#synced) return;
    const { shouldResync, store } = this.#settings;
    try {
      if (shouldResync !== undefined && !shouldResync()) return;
    } catch (error) {
      this.#report(new ReflectorCallbackError('shouldResync', error));
      return;
    }
    this.events.emit({ type: 'resync' });
    try {
      store.resync();
    } catch (error) {
      this.#report(new ReflectorCallbackError('resync', error));
    }
  }
}
