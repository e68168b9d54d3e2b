import { ReflectorCallbackError } from '../errors/reflector-callback-error';
import type { ReflectorEvent } from './reflector-types';

/**
 * A listener of {@link ReflectorEvents}.
 *
 * @since 0.1.0
 */
export type ReflectorEventListener = (event: ReflectorEvent) => void;

/**
 * The structured events of a reflector: subscribe with a callback, or iterate with
 * `for await (const event of reflector.events)`. Events are delivered synchronously, in order. A
 * listener that throws does not stop the others; its error is delivered as an `error` event
 * wrapping a {@link ReflectorCallbackError} (operation `listener`).
 *
 * @example
 * ```ts
 * const unsubscribe = reflector.events.subscribe((event) => {
 *   if (event.type === 'backoff') console.warn(`retrying in ${event.milliseconds} ms`, event.error);
 * });
 * ```
 * @since 0.1.0
 */
export class ReflectorEvents implements AsyncIterable<ReflectorEvent> {
  readonly #listeners = new Set<ReflectorEventListener>();

  /**
   * Registers a listener.
   *
   * @param listener - called with every event from now on.
   * @returns a function that removes the listener.
   */
  subscribe(listener: ReflectorEventListener): () => void {
    // A wrapper per subscription, so the same function may be subscribed twice.
    const entry: ReflectorEventListener = (event) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /**
   * Whether anyone listens (a subscriber or an open stream). Without listeners and without an
   * `onWatchError`, the reflector reports failures with `process.emitWarning`.
   *
   * @returns `true` with at least one listener.
   * @since 0.2.0
   */
  hasListeners(): boolean {
    return this.#listeners.size > 0;
  }

  /**
   * Iterates the events from now on (buffered while the consumer is busy) until `signal` aborts
   * or the loop is left.
   *
   * @param signal - ends the iteration.
   * @returns an async iterator of events.
   */
  stream(signal?: AbortSignal): AsyncIterableIterator<ReflectorEvent> {
    const buffer: ReflectorEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const unsubscribe = this.subscribe((event) => {
      buffer.push(event);
      wake?.();
    });
    const finish = (): void => {
      done = true;
      unsubscribe();
      wake?.();
    };
    signal?.addEventListener('abort', finish, { once: true });
    const iterator: AsyncIterableIterator<ReflectorEvent> = {
      async next(): Promise<IteratorResult<ReflectorEvent>> {
        while (buffer.length === 0 && !done && signal?.aborted !== true) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
        const event = buffer.shift();
        if (event !== undefined) return { value: event, done: false };
        finish();
        return { value: undefined, done: true };
      },
      return(): Promise<IteratorResult<ReflectorEvent>> {
        finish();
        signal?.removeEventListener('abort', finish);
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /**
   * Same as {@link ReflectorEvents.stream} without a signal.
   *
   * @returns an async iterator of events.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<ReflectorEvent> {
    return this.stream();
  }

  /**
   * Delivers an event to every listener.
   *
   * @internal
   * @param event - the event.
   */
  emit(event: ReflectorEvent): void {
    const failures: unknown[] = [];
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        failures.push(error);
      }
    }
    // One level only: a listener failing on a listener-error event is not reported again.
    const isListenerFailure =
      event.type === 'error' &&
      ReflectorCallbackError.isInstance(event.error) &&
      event.error.operation === 'listener';
    if (isListenerFailure) return;
    for (const failure of failures) {
      this.emit({ type: 'error', error: new ReflectorCallbackError('listener', failure) });
    }
  }
}
