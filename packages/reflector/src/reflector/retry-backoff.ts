import { abortableSleep } from '@kube-cache/store-core';
import type { Clock } from '@kube-cache/store-core';
import { requestedRetryDelay } from '../errors/api-error-predicates';
import { ExponentialBackoff } from './exponential-backoff';
import type { ReflectorEvents } from './reflector-events';
import type { BackoffOptions } from './reflector-types';

/** The reflector's pause after a failure: exponential backoff, or longer when the server asks. */
export class RetryBackoff {
  readonly #backoff: ExponentialBackoff;
  readonly #clock: Clock;
  readonly #events: ReflectorEvents;

  /** @param options - the backoff settings, the clock and the events to announce each pause on. */
  constructor(options: { backoff: BackoffOptions; clock: Clock; events: ReflectorEvents }) {
    this.#backoff = new ExponentialBackoff(options.backoff, options.clock);
    this.#clock = options.clock;
    this.#events = options.events;
  }

  /**
   * Emits a `backoff` event and waits.
   *
   * @param signal - ends the wait early.
   * @param error - what failed (its `Retry-After` is honoured).
   * @returns a promise that settles after the pause or when `signal` aborts.
   */
  async sleep(signal: AbortSignal, error: unknown): Promise<void> {
    // A 429 (or 5xx) that says how long to wait is honoured, as client-go's REST client does.
    const milliseconds = Math.max(this.#backoff.next(), requestedRetryDelay(error));
    this.#events.emit({ type: 'backoff', milliseconds, error });
    await abortableSleep(this.#clock, milliseconds, signal);
  }
}
