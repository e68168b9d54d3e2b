import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { ReflectorAlreadyRunningError } from '../errors/reflector-already-running-error';
import { ReflectorCallbackError } from '../errors/reflector-callback-error';
import { SyncTimeoutError } from '../errors/sync-timeout-error';
import { VeryShortWatchError } from '../errors/very-short-watch-error';
import type { WatchSession } from '../watch/watch-session';
import { FailureReporter } from './failure-reporter';
import { guardedTransform } from './guarded-transform';
import {
  classifyListWatchError,
  isRetriableWatchFailure,
  relistReasonFor,
} from './list-watch-error-policy';
import { ReflectorEvents } from './reflector-events';
import { reflectorSettings } from './reflector-settings';
import type { ReflectorSettings } from './reflector-settings';
import type { ReflectorOptions, WaitForSyncOptions } from './reflector-types';
import { relist } from './relist';
import type { RelistParts } from './relist';
import type { RelistReason } from './relist-reason';
import { ResourceVersionTracker } from './resource-version-tracker';
import { startResyncTimer } from './resync-timer';
import { RetryBackoff } from './retry-backoff';
import { SyncWaiters } from './sync-waiters';
import { runWatchList } from './watch-list';
import type { WatchListParts } from './watch-list';
import { WatchRunner } from './watch-runner';

/** How one list-and-watch cycle ended. */
interface CycleOutcome {
  reason: RelistReason;
  error: unknown;
}

const veryShortWatchMilliseconds = 1000;

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
  readonly #resourceVersions: ResourceVersionTracker;
  readonly #failures: FailureReporter;
  readonly #retry: RetryBackoff;
  readonly #watches: WatchRunner<T>;
  readonly #syncWaiters: SyncWaiters;
  readonly #transform: (object: T) => T;
  /** The parts a relist and a watch-list work with. */
  readonly #parts: RelistParts<T> & WatchListParts<T>;
  #synced = false;
  #running = false;
  #watchListUnsupported = false;

  /**
   * @param options - the lister-watcher, the store and the {@link ReflectorOptions}.
   * @throws {@link InvalidReflectorOptionsError} for a missing lister-watcher or store, or an
   *   option out of range.
   */
  constructor(options: ReflectorOptions<T>) {
    const settings = reflectorSettings(options);
    const { clock, name, onWatchError } = settings;
    this.#settings = settings;
    this.#resourceVersions = new ResourceVersionTracker(settings.explicitPageSize);
    this.#failures = new FailureReporter({ name, clock, events: this.events, onWatchError });
    this.#retry = new RetryBackoff({ backoff: settings.backoff, clock, events: this.events });
    this.#transform = guardedTransform(settings.transform);
    this.#watches = new WatchRunner({
      settings,
      events: this.events,
      resourceVersions: this.#resourceVersions,
      report: this.#failures.report,
      transform: this.#transform,
    });
    this.#syncWaiters = new SyncWaiters(clock);
    this.#parts = {
      settings,
      events: this.events,
      resourceVersions: this.#resourceVersions,
      report: this.#failures.report,
      transform: this.#transform,
      watches: this.#watches,
      retry: this.#retry,
    };
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
    return this.#resourceVersions.lastSynced;
  }

  /**
   * Whether a watch is open right now.
   *
   * @returns `true` while events are being received.
   */
  isWatching(): boolean {
    return this.#watches.watching;
  }

  /**
   * The last list or watch error reported (`undefined` before the first). It is kept after a
   * later success, so it says what went wrong most recently.
   *
   * @returns the error.
   * @since 0.2.0
   */
  lastError(): unknown {
    return this.#failures.lastError;
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
    return this.#syncWaiters.wait(
      signal,
      timeoutMilliseconds,
      (milliseconds) => new SyncTimeoutError(this.name, milliseconds, this.#failures.lastError),
    );
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
          this.#syncWaiters.rejectAll(outcome.error);
          throw outcome.error;
        }
        reason = outcome.reason;
        await this.#retry.sleep(signal, outcome.error);
      }
    } finally {
      this.#running = false;
      this.#watches.stopped();
    }
  }

  async #listAndWatch(signal: AbortSignal, reason: RelistReason): Promise<CycleOutcome> {
    let session: WatchSession<T> | undefined;
    try {
      if (this.#settings.useWatchList && !this.#watchListUnsupported) {
        session = await this.#watchList(signal);
      }
      if (signal.aborted) return { reason, error: undefined };
      if (session === undefined) {
        const listed = await relist(this.#parts, signal, reason);
        this.#replace(listed.items, listed.resourceVersion);
      }
    } catch (error) {
      if (!signal.aborted) this.#failures.report(error);
      const kind = classifyListWatchError(error);
      return { reason: this.#synced ? relistReasonFor(kind) : 'initial', error };
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

  /** A streaming list; its still-open watch after a sync, else `undefined` (list instead). */
  async #watchList(signal: AbortSignal): Promise<WatchSession<T> | undefined> {
    const result = await runWatchList(this.#parts, signal);
    if (result === 'unsupported') this.#watchListUnsupported = true;
    if (typeof result === 'string') return undefined;
    const { session, items, resourceVersion } = result;
    this.#resourceVersions.listSucceeded(false);
    this.events.emit({ type: 'listed', items: items.length, resourceVersion, pages: 0 });
    try {
      this.#replace(items, resourceVersion);
    } catch (replaceError) {
      this.#watches.end(session, replaceError);
      throw replaceError;
    }
    return session;
  }

  #replace(items: readonly T[], resourceVersion: string): void {
    try {
      this.#settings.store.replace(items, resourceVersion);
    } catch (error) {
      throw new ReflectorCallbackError('replace', error);
    }
    this.#resourceVersions.record(resourceVersion);
    if (!this.#synced) {
      this.#synced = true;
      this.#syncWaiters.resolveAll();
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
          (await this.#watches.open(signal, {
            resourceVersion: this.#resourceVersions.lastSynced,
            allowWatchBookmarks: true,
          }));
      } catch (error) {
        if (signal.aborted) break;
        this.#failures.report(error);
        const kind = classifyListWatchError(error);
        if (isRetriableWatchFailure(kind) || kind === 'inactivity') {
          await this.#retry.sleep(signal, error);
          continue;
        }
        return { reason: relistReasonFor(kind), error };
      }
      pending = undefined;
      let error = await this.#watches.consume(session, signal);
      if (signal.aborted) break;
      const quiet =
        session.events === 0 &&
        this.#settings.clock.now() - session.start < veryShortWatchMilliseconds;
      let kind = classifyListWatchError(error);
      if ((error === undefined || kind === 'broken-stream') && quiet) {
        error = new VeryShortWatchError(this.name);
        kind = 'other';
      }
      if (error === undefined) continue; // a normal close or the server's timeout: watch again
      this.#failures.report(error);
      // A lost connection says nothing about the resourceVersion: never a relist for it. When the
      // fresh connection died at once, back off instead of spinning.
      if (kind === 'connection-lost') {
        if (quiet) await this.#retry.sleep(signal, error);
        continue;
      }
      if (kind === 'inactivity' || kind === 'broken-stream') continue;
      if (kind === 'too-many-requests') {
        await this.#retry.sleep(signal, error);
        continue;
      }
      return { reason: relistReasonFor(kind), error };
    }
    return { reason: 'watch-error', error: undefined };
  }

  #resyncOnce(): void {
    if (!this.#synced) return;
    const { shouldResync, store } = this.#settings;
    try {
      if (shouldResync !== undefined && !shouldResync()) return;
    } catch (error) {
      this.#failures.report(new ReflectorCallbackError('shouldResync', error));
      return;
    }
    this.events.emit({ type: 'resync' });
    try {
      store.resync();
    } catch (error) {
      this.#failures.report(new ReflectorCallbackError('resync', error));
    }
  }
}
