import type { Clock } from '@kube-cache/store-core';
import type { BackoffOptions } from './reflector-types';

/**
 * Exponential backoff with jitter and reset, as client-go's `ExponentialBackoffManager`: each
 * call returns the current delay `d` jittered to `[d, d * (1 + jitter))` and doubles `d` up to
 * the maximum; when the previous call is older than `resetAfterMilliseconds`, `d` starts over.
 *
 * @example
 * ```ts
 * const backoff = new ExponentialBackoff({}, systemClock);
 * backoff.next(); // in [800, 1600)
 * backoff.next(); // in [1600, 3200)
 * ```
 * @since 0.1.0
 */
export class ExponentialBackoff {
  readonly #initial: number;
  readonly #max: number;
  readonly #jitter: number;
  readonly #resetAfter: number;
  readonly #clock: Clock;
  readonly #random: () => number;
  #current: number;
  #lastCall: number | undefined;

  /**
   * @param options - the delays; defaults 800 ms, 30 s, jitter 1.0, reset after 2 minutes.
   * @param clock - where the time comes from.
   * @param random - a source in [0, 1); default `Math.random`.
   */
  constructor(options: BackoffOptions, clock: Clock, random: () => number = Math.random) {
    this.#initial = options.initialMilliseconds ?? 800;
    this.#max = options.maxMilliseconds ?? 30_000;
    this.#jitter = options.jitter ?? 1;
    this.#resetAfter = options.resetAfterMilliseconds ?? 120_000;
    this.#clock = clock;
    this.#random = random;
    this.#current = this.#initial;
  }

  /**
   * The next delay to wait.
   *
   * @returns milliseconds.
   */
  next(): number {
    const now = this.#clock.now();
    if (this.#lastCall !== undefined && now - this.#lastCall > this.#resetAfter) {
      this.#current = this.#initial;
    }
    this.#lastCall = now;
    const base = this.#current;
    this.#current = Math.min(base * 2, this.#max);
    return base + this.#random() * this.#jitter * base;
  }
}
