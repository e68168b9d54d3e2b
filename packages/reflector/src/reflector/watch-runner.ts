import type { ListOptions } from '@kube-cache/indexer';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { ReflectorCallbackError } from '../errors/reflector-callback-error';
import { BookmarkPeriod } from '../watch/bookmark-period';
import { applyWatchEvent } from '../watch/watch-event-handler';
import type {
  AppliedWatchEvent,
  WatchEventContext,
  WatchEventSink,
} from '../watch/watch-event-handler';
import { WatchSession } from '../watch/watch-session';
import type { ReflectorEvents } from './reflector-events';
import type { ResourceVersionUpdater } from './reflector-types';
import type { ReflectorSettings } from './reflector-settings';
import type { ResourceVersionTracker } from './resource-version-tracker';

/**
 * The reflector's watches: opens a {@link WatchSession} (with client-go's random server timeout
 * and the bookmark-learned inactivity limit), applies its events to the store while recording
 * each resourceVersion, and ends it, announcing both on the reflector's events.
 */
export class WatchRunner<T> {
  readonly #settings: ReflectorSettings<T>;
  readonly #events: ReflectorEvents;
  readonly #resourceVersions: ResourceVersionTracker;
  readonly #report: (error: unknown) => void;
  readonly #transform: (object: T) => T;
  /** The period of the server's watch bookmarks, learned across watches (the inactivity rule). */
  readonly #bookmarkPeriod = new BookmarkPeriod();
  #watching = false;

  /**
   * @param parts - the reflector's settings, events, resourceVersion tracker, error reporter and
   *   (guarded) transform.
   */
  constructor(parts: {
    settings: ReflectorSettings<T>;
    events: ReflectorEvents;
    resourceVersions: ResourceVersionTracker;
    report: (error: unknown) => void;
    transform: (object: T) => T;
  }) {
    this.#settings = parts.settings;
    this.#events = parts.events;
    this.#resourceVersions = parts.resourceVersions;
    this.#report = parts.report;
    this.#transform = parts.transform;
  }

  /** Whether a watch is open right now. */
  get watching(): boolean {
    return this.#watching;
  }

  /** The reflector stopped: no watch is open any more. */
  stopped(): void {
    this.#watching = false;
  }

  /**
   * Opens one watch and emits `watch-started`.
   *
   * @param signal - aborts the request and, later, the stream.
   * @param options - the watch's options (`timeoutSeconds` is added here).
   * @returns the open session.
   * @throws what the lister-watcher throws.
   */
  async open(signal: AbortSignal, options: ListOptions): Promise<WatchSession<T>> {
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
    this.#events.emit({
      type: 'watch-started',
      resourceVersion: options.resourceVersion ?? '',
      timeoutSeconds,
    });
    return session;
  }

  /**
   * Applies events to the store until the stream ends, then ends the watch.
   *
   * @param session - the open watch.
   * @param signal - the reflector's signal.
   * @returns what ended the stream (`undefined` for a normal end or once `signal` aborted).
   */
  async consume(session: WatchSession<T>, signal: AbortSignal): Promise<unknown> {
    let error: unknown;
    const context = this.eventContext(this.#settings.store);
    // One result object for the whole watch: nothing allocated here per event.
    const applied: AppliedWatchEvent = {
      resourceVersion: undefined,
      initialEventsEnd: false,
      bookmark: false,
    };
    try {
      await session.drain((event) => {
        applyWatchEvent(event, context, applied);
        if (applied.resourceVersion !== undefined) this.#record(applied.resourceVersion);
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
    this.end(session, error);
    return signal.aborted ? undefined : error;
  }

  /**
   * Closes a watch and emits `watch-ended`.
   *
   * @param session - the watch.
   * @param error - what ended it, if anything.
   */
  end(session: WatchSession<T>, error: unknown): void {
    session.close();
    this.#watching = false;
    this.#events.emit({
      type: 'watch-ended',
      resourceVersion: this.#resourceVersions.lastSynced,
      events: session.events,
      error,
    });
  }

  /**
   * What {@link applyWatchEvent} needs to apply events to `sink`.
   *
   * @param sink - the store, or a watch-list's collection.
   * @returns the context.
   */
  eventContext(sink: WatchEventSink<T>): WatchEventContext<T> {
    return {
      sink,
      expectedType: this.#settings.expectedType,
      transform: this.#transform,
      report: this.#report,
    };
  }

  #record(resourceVersion: string): void {
    this.#resourceVersions.record(resourceVersion);
    const store = this.#settings.store as Partial<ResourceVersionUpdater>;
    if (typeof store.updateResourceVersion !== 'function') return;
    try {
      store.updateResourceVersion(resourceVersion);
    } catch (error) {
      this.#report(new ReflectorCallbackError('update', error));
    }
  }
}
