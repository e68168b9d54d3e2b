import type { ListerWatcher, ListOptions, WatchEvent } from '@kube-cache/indexer';
import type { BookmarkPeriod } from './bookmark-period';
import type { Clock } from '@kube-cache/store-core';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { InactivityTimer } from './inactivity-timer';
import { raceAbort } from './race-abort';

/**
 * What {@link WatchSession.open} needs besides the lister-watcher and the options.
 */
export interface WatchSessionSettings {
  clock: Clock;
  /** The fixed inactivity limit (`watchInactivityTimeoutMilliseconds`). */
  inactivityMilliseconds: number;
  /** The reflector's signal. */
  signal: AbortSignal;
  /** The reflector's bookmark period, learned across its watches; absent: fixed limit only. */
  bookmarkPeriod?: BookmarkPeriod | undefined;
}

/**
 * One open watch request: its own abort controller (linked to the reflector's signal), the
 * client inactivity timer, and the count of events read. Reading never hangs: it settles as soon
 * as the reflector stops or the inactivity limit passes, even if the lister-watcher ignores its
 * signal. One abort listener serves the whole session; per event there is only the stream's own
 * `next()`, a counter and the handler.
 *
 * The inactivity limit: on a stream marked `connectionHealthChecked` (HTTP/2 with the ping health
 * check) none, otherwise the fixed limit; once the reflector has learned the period of the
 * server's bookmarks, `max(90 s, 2.5 × period)` capped by the fixed limit, on every stream.
 */
export class WatchSession<T> {
  /** When the request was sent (clock time). */
  readonly start: number;
  /** The options the watch was opened with. */
  readonly options: ListOptions;
  readonly #iterator: AsyncIterator<WatchEvent<T>>;
  readonly #controller: AbortController;
  readonly #timer: InactivityTimer;
  readonly #unlink: () => void;
  readonly #settings: WatchSessionSettings;
  readonly #healthChecked: boolean;
  #events = 0;
  #closed = false;
  #aborted = false;
  /** Rejects the read in progress (`next` or `drain`) when the session aborts. */
  #pendingReject: ((error: Error) => void) | undefined;

  private constructor(parts: {
    start: number;
    options: ListOptions;
    iterator: AsyncIterator<WatchEvent<T>>;
    controller: AbortController;
    timer: InactivityTimer;
    unlink: () => void;
    settings: WatchSessionSettings;
    healthChecked: boolean;
  }) {
    this.start = parts.start;
    this.options = parts.options;
    this.#iterator = parts.iterator;
    this.#controller = parts.controller;
    this.#timer = parts.timer;
    this.#unlink = parts.unlink;
    this.#settings = parts.settings;
    this.#healthChecked = parts.healthChecked;
    const signal = parts.controller.signal;
    const onAbort = (): void => {
      this.#aborted = true;
      const reject = this.#pendingReject;
      this.#pendingReject = undefined;
      reject?.(this.#translate(signal.reason));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    this.#applyLimit();
  }

  /**
   * Opens a watch.
   *
   * @param listerWatcher - the source.
   * @param options - the watch options.
   * @param settings - the clock, the fixed inactivity limit, the reflector's signal and its
   *   bookmark period.
   * @returns the open session.
   * @throws what the lister-watcher throws; an {@link InactivityTimeoutError} when no answer came
   *   within the inactivity limit; `signal.reason` when the reflector stopped.
   */
  static async open<T>(
    listerWatcher: ListerWatcher<T>,
    options: ListOptions,
    settings: WatchSessionSettings,
  ): Promise<WatchSession<T>> {
    const { clock, inactivityMilliseconds, signal } = settings;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const unlink = (): void => signal.removeEventListener('abort', onAbort);
    // Until the answer comes the protocol is unknown: the fixed limit guards the request.
    const timer: InactivityTimer = new InactivityTimer(clock, inactivityMilliseconds, () => {
      controller.abort(new InactivityTimeoutError('watch', timer.limit ?? inactivityMilliseconds));
    });
    const start = clock.now();
    try {
      const iterable = await raceAbort(
        listerWatcher.watch(options, controller.signal),
        controller.signal,
      );
      timer.touch();
      settings.bookmarkPeriod?.watchStarted();
      return new WatchSession({
        start,
        options,
        iterator: iterable[Symbol.asyncIterator](),
        controller,
        timer,
        unlink,
        settings,
        // Only `true` counts: a stream of a ListerWatcher that says nothing keeps the timer.
        healthChecked: iterable.connectionHealthChecked === true,
      });
    } catch (error) {
      timer.stop();
      unlink();
      controller.abort();
      throw timer.expired ? new InactivityTimeoutError('watch', inactivityMilliseconds) : error;
    }
  }

  /** How many events were read. */
  get events(): number {
    return this.#events;
  }

  /**
   * The inactivity limit in force, in milliseconds (`undefined`: no timer, the connection's
   * health check covers this stream).
   */
  get limit(): number | undefined {
    return this.#timer.limit;
  }

  /**
   * Whether the limit in force was learned from the server's bookmarks.
   */
  get limitFromBookmarks(): boolean {
    return (
      this.#settings.bookmarkPeriod?.limit(this.#settings.inactivityMilliseconds) !== undefined
    );
  }

  /**
   * Whether the stream runs on a connection with a health check (the lister-watcher marked it
   * `connectionHealthChecked`).
   */
  get healthChecked(): boolean {
    return this.#healthChecked;
  }

  /**
   * Reads the next event.
   *
   * @returns the event (of unknown shape, checked by the caller), or `undefined` at the end.
   * @throws what the stream throws; an {@link InactivityTimeoutError} when nothing arrived within
   *   the limit; the reflector signal's reason when it stopped.
   */
  next(): Promise<unknown> {
    if (this.#aborted) return Promise.reject(this.#translate(this.#controller.signal.reason));
    return new Promise<unknown>((resolve, reject) => {
      this.#pendingReject = reject;
      this.#iterator.next().then(
        (result) => {
          this.#pendingReject = undefined;
          if (result.done === true) {
            resolve(undefined);
            return;
          }
          this.#timer.touch();
          this.#events += 1;
          resolve(result.value);
        },
        (error: unknown) => {
          this.#pendingReject = undefined;
          reject(this.#translate(error));
        },
      );
    });
  }

  /**
   * Reads every event into `handle` until the stream ends, `handle` returns `false`, or the
   * session aborts. This is the fast path: one promise for the whole stream, nothing per event
   * but the stream's own `next()`.
   *
   * @param handle - called with each event (of unknown shape); return `false` to stop reading.
   *   What it throws ends the drain.
   * @returns a promise that resolves at the end of the stream or when `handle` returned `false`.
   * @throws (rejects) what the stream or `handle` throws; an {@link InactivityTimeoutError} when
   *   nothing arrived within the limit; the reflector signal's reason when it stopped.
   */
  drain(handle: (event: unknown) => boolean): Promise<void> {
    if (this.#aborted) return Promise.reject(this.#translate(this.#controller.signal.reason));
    return new Promise<void>((resolve, reject) => {
      this.#pendingReject = reject;
      this.#pump(handle).then(
        () => {
          this.#pendingReject = undefined;
          resolve();
        },
        (error: unknown) => {
          this.#pendingReject = undefined;
          reject(this.#translate(error));
        },
      );
    });
  }

  /**
   * Records a periodic bookmark: the reflector's bookmark period learns from it, and the
   * inactivity limit follows what it learned.
   */
  bookmarkSeen(): void {
    const period = this.#settings.bookmarkPeriod;
    if (period === undefined) return;
    period.observe(this.#settings.clock.now());
    this.#applyLimit();
  }

  /** Stops the timer, aborts the request and releases the stream. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#timer.stop();
    this.#unlink();
    this.#controller.abort();
    // Runs the stream's cleanup; its outcome after an abort carries no information.
    const closing = this.#iterator.return?.();
    if (closing !== undefined) closing.catch(() => undefined);
  }

  async #pump(handle: (event: unknown) => boolean): Promise<void> {
    const iterator = this.#iterator;
    const timer = this.#timer;
    for (;;) {
      const result = await iterator.next();
      // After an abort the drain has already settled; a stream that ignores its signal may go on.
      if (this.#aborted || result.done === true) return;
      timer.touch();
      this.#events += 1;
      if (!handle(result.value)) return;
    }
  }

  #applyLimit(): void {
    const fixed = this.#settings.inactivityMilliseconds;
    const learned = this.#settings.bookmarkPeriod?.limit(fixed);
    this.#timer.setLimit(learned ?? (this.#healthChecked ? undefined : fixed));
  }

  /** The inactivity error once the timer expired; else the error untouched (typed as one). */
  #translate(error: unknown): Error {
    if (this.#timer.expired) {
      return new InactivityTimeoutError(
        'watch',
        this.#timer.limit ?? this.#settings.inactivityMilliseconds,
      );
    }
    // Passed through as it came: callers tell errors apart by their own shape.
    return error as Error;
  }
}
