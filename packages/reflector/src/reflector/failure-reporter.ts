import type { Clock } from '@kube-cache/store-core';
import { ReflectorCallbackError } from '../errors/reflector-callback-error';
import { FailureWarnings } from './failure-warnings';
import type { ReflectorEvents } from './reflector-events';

/**
 * Where a reflector's list and watch errors go: the `error` event, the `onWatchError` handler,
 * and, when nobody listens, a rate-limited `process.emitWarning`. Remembers the last error.
 */
export class FailureReporter {
  readonly #events: ReflectorEvents;
  readonly #handler: ((error: unknown) => void) | undefined;
  readonly #warnings: FailureWarnings;
  #lastError: unknown;

  /**
   * @param options - the reflector's name (for the warning), its clock, its events and the
   *   `onWatchError` option.
   */
  constructor(options: {
    name: string;
    clock: Clock;
    events: ReflectorEvents;
    onWatchError: ((error: unknown) => void) | undefined;
  }) {
    this.#events = options.events;
    this.#handler = options.onWatchError;
    this.#warnings = new FailureWarnings({
      source: `reflector "${options.name}"`,
      clock: options.clock,
    });
  }

  /** The last error reported (`undefined` before the first). */
  get lastError(): unknown {
    return this.#lastError;
  }

  /** Reports one error; an arrow function so it can be handed on as a callback. */
  readonly report = (error: unknown): void => {
    this.#lastError = error;
    const heard = this.#events.hasListeners();
    this.#events.emit({ type: 'error', error });
    const handler = this.#handler;
    if (handler === undefined) {
      // Nobody listens: say it the Node way instead of failing silently (rate-limited).
      if (!heard) this.#warnings.warn(error);
      return;
    }
    try {
      handler(error);
    } catch (failure) {
      this.#events.emit({ type: 'error', error: new ReflectorCallbackError('listener', failure) });
    }
  };
}
