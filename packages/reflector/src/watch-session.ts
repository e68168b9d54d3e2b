import type { ListerWatcher, ListOptions, WatchEvent } from '@kube-cache/indexer';
import type { Clock } from './clock';
import { InactivityTimeoutError } from './inactivity-timeout-error';
import { InactivityTimer } from './inactivity-timer';
import { raceAbort } from './race-abort';

/**
 * One open watch request: its own abort controller (linked to the reflector's signal), the
 * client inactivity timer, and the count of events read. Reading never hangs: it settles as soon
 * as the reflector stops or the inactivity limit passes, even if the lister-watcher ignores its
 * signal.
 *
 * @since 0.1.0
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
  readonly #inactivityMilliseconds: number;
  #events = 0;
  #closed = false;

  private constructor(parts: {
    start: number;
    options: ListOptions;
    iterator: AsyncIterator<WatchEvent<T>>;
    controller: AbortController;
    timer: InactivityTimer;
    unlink: () => void;
    inactivityMilliseconds: number;
  }) {
    this.start = parts.start;
    this.options = parts.options;
    this.#iterator = parts.iterator;
    this.#controller = parts.controller;
    this.#timer = parts.timer;
    this.#unlink = parts.unlink;
    this.#inactivityMilliseconds = parts.inactivityMilliseconds;
  }

  /**
   * Opens a watch.
   *
   * @param listerWatcher - the source.
   * @param options - the watch options.
   * @param settings - the clock, the inactivity limit and the reflector's signal.
   * @returns the open session.
   * @throws what the lister-watcher throws; an {@link InactivityTimeoutError} when no answer came
   *   within the inactivity limit; `signal.reason` when the reflector stopped.
   */
  static async open<T>(
    listerWatcher: ListerWatcher<T>,
    options: ListOptions,
    settings: { clock: Clock; inactivityMilliseconds: number; signal: AbortSignal },
  ): Promise<WatchSession<T>> {
    const { clock, inactivityMilliseconds, signal } = settings;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const unlink = (): void => signal.removeEventListener('abort', onAbort);
    const timer = new InactivityTimer(clock, inactivityMilliseconds, () => {
      controller.abort(new InactivityTimeoutError('watch', inactivityMilliseconds));
    });
    const start = clock.now();
    try {
      const iterable = await raceAbort(
        listerWatcher.watch(options, controller.signal),
        controller.signal,
      );
      timer.touch();
      const iterator = iterable[Symbol.asyncIterator]();
      return new WatchSession({
        start,
        options,
        iterator,
        controller,
        timer,
        unlink,
        inactivityMilliseconds,
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
   * Reads the next event.
   *
   * @returns the event (of unknown shape, checked by the caller), or `undefined` at the end.
   * @throws what the stream throws; an {@link InactivityTimeoutError} when nothing arrived within
   *   the limit; the reflector signal's reason when it stopped.
   */
  async next(): Promise<unknown> {
    try {
      const result = await raceAbort(this.#iterator.next(), this.#controller.signal);
      if (result.done === true) return undefined;
      this.#timer.touch();
      this.#events += 1;
      return result.value;
    } catch (error) {
      throw this.#timer.expired
        ? new InactivityTimeoutError('watch', this.#inactivityMilliseconds)
        : error;
    }
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
}
