import type { KubeObject, Status, WatchEvent } from '@kube-cache/indexer';
import { WatcherConsumedError } from '../errors/watcher-consumed-error';
import { WatcherStoppedError } from '../errors/watcher-stopped-error';

/**
 * The options of a {@link FakeWatcher}.
 *
 * @since 0.1.0
 */
export interface FakeWatcherOptions {
  /** Aborting it ends the consumer's iteration at once (buffered events are dropped). */
  signal?: AbortSignal | undefined;
  /** Called once when the watcher stops, for whatever reason (stop, fail, abort, consumer exit). */
  onStop?: (() => void) | undefined;
}

type Entry<T> =
  { kind: 'event'; event: WatchEvent<T> } | { kind: 'end' } | { kind: 'fail'; error: unknown };

interface Waiter<T> {
  resolve(result: IteratorResult<WatchEvent<T>>): void;
  reject(error: unknown): void;
}

const done = { done: true, value: undefined } as const;

/**
 * A watch stream you push events into, consumable as a `ListerWatcher`'s watch (an async
 * iterable of `WatchEvent`s). Events are buffered and delivered in order to a single consumer.
 *
 * `stop()` ends the stream normally after the buffered events and is idempotent; `fail(error)`
 * makes the iteration throw after the buffered events; aborting `signal` (or the consumer leaving
 * its `for await` loop) ends it at once. Pushing after any of these throws a
 * {@link WatcherStoppedError}: an event is never silently lost.
 *
 * @typeParam T - the object type.
 * @example
 * ```ts
 * const watcher = new FakeWatcher<Pod>();
 * watcher.add(pod);
 * watcher.stop();
 * for await (const event of watcher) console.log(event.type); // ADDED
 * ```
 * @since 0.1.0
 */
export class FakeWatcher<T> implements AsyncIterable<WatchEvent<T>> {
  #buffer: Entry<T>[] = [];
  #stopped = false;
  /** The consumer will get nothing more: it saw the end, or the stream was aborted. */
  #finished = false;
  #consumed = false;
  #waiter: Waiter<T> | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onStop: (() => void) | undefined;
  readonly #onAbort = (): void => {
    this.#buffer = [];
    this.#markStopped();
    this.#finish();
  };

  /**
   * @param options - an abort `signal` that ends the iteration, and an `onStop` callback.
   */
  constructor(options: FakeWatcherOptions = {}) {
    this.#signal = options.signal;
    this.#onStop = options.onStop;
    if (this.#signal?.aborted === true) this.#onAbort();
    else this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Whether the watcher no longer accepts events. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Pushes an `ADDED` event.
   *
   * @param object - the object.
   * @throws {@link WatcherStoppedError} when the watcher is stopped.
   */
  add(object: T): void {
    this.#push({ type: 'ADDED', object });
  }

  /**
   * Pushes a `MODIFIED` event.
   *
   * @param object - the object.
   * @throws {@link WatcherStoppedError} when the watcher is stopped.
   */
  modify(object: T): void {
    this.#push({ type: 'MODIFIED', object });
  }

  /**
   * Pushes a `DELETED` event.
   *
   * @param object - the last state of the object.
   * @throws {@link WatcherStoppedError} when the watcher is stopped.
   */
  delete(object: T): void {
    this.#push({ type: 'DELETED', object });
  }

  /**
   * Pushes a `BOOKMARK` event.
   *
   * @param object - the bookmark object (usually only `metadata.resourceVersion`).
   * @throws {@link WatcherStoppedError} when the watcher is stopped.
   */
  bookmark(object: T | KubeObject): void {
    this.#push({ type: 'BOOKMARK', object });
  }

  /**
   * Pushes an `ERROR` event. The stream stays open; call `stop()` to end it as a server does.
   *
   * @param status - the `Status` object.
   * @throws {@link WatcherStoppedError} when the watcher is stopped.
   */
  error(status: Status): void {
    this.#push({ type: 'ERROR', object: status });
  }

  /**
   * Pushes any event.
   *
   * @param event - the event.
   * @throws {@link WatcherStoppedError} when the watcher is stopped.
   */
  push(event: WatchEvent<T>): void {
    this.#push(event);
  }

  /** Ends the stream normally, after the buffered events. Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#markStopped();
    this.#enqueue({ kind: 'end' });
  }

  /**
   * Makes the consumer's iteration throw `error` after the buffered events (as a malformed line
   * or a reset connection does), and stops the watcher.
   *
   * @param error - what the iteration throws.
   * @throws {@link WatcherStoppedError} when the watcher is already stopped.
   */
  fail(error: unknown): void {
    if (this.#stopped) throw new WatcherStoppedError('failure');
    this.#markStopped();
    this.#enqueue({ kind: 'fail', error });
  }

  /**
   * The iterator of the single consumer.
   *
   * @returns the iterator.
   * @throws {@link WatcherConsumedError} when called a second time.
   */
  [Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    if (this.#consumed) throw new WatcherConsumedError();
    this.#consumed = true;
    return {
      next: () => this.#next(),
      return: () => {
        this.#buffer = [];
        this.#markStopped();
        this.#finish();
        return Promise.resolve(done);
      },
    };
  }

  #push(event: WatchEvent<T>): void {
    if (this.#stopped) throw new WatcherStoppedError(event.type);
    this.#enqueue({ kind: 'event', event });
  }

  #enqueue(entry: Entry<T>): void {
    if (this.#finished) return;
    this.#buffer.push(entry);
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    this.#take().then(
      (result) => waiter.resolve(result),
      (error: unknown) => waiter.reject(error),
    );
  }

  #next(): Promise<IteratorResult<WatchEvent<T>>> {
    if (this.#finished) return Promise.resolve(done);
    if (this.#buffer.length > 0) return this.#take();
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** Hands the next buffered entry to the consumer; the buffer is not empty. */
  #take(): Promise<IteratorResult<WatchEvent<T>>> {
    const entry = this.#buffer.shift();
    if (entry === undefined || entry.kind === 'end') {
      this.#finish();
      return Promise.resolve(done);
    }
    if (entry.kind === 'fail') {
      this.#finish();
      const { error } = entry;
      return new Promise(() => {
        throw error;
      });
    }
    return Promise.resolve({ done: false, value: entry.event });
  }

  #markStopped(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#onStop?.();
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.resolve(done);
  }
}
