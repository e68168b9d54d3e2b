import type { Clock } from './clock';

/**
 * Fires `onExpire` once nothing called {@link InactivityTimer.touch} for `milliseconds`. Touching
 * only records the time (no timer churn on a busy watch); the single timer re-arms itself for the
 * remaining time when it fires early.
 *
 * @since 0.1.0
 */
export class InactivityTimer {
  readonly #clock: Clock;
  readonly #milliseconds: number;
  readonly #onExpire: () => void;
  #lastActivity: number;
  #handle: unknown;
  #expired = false;
  #stopped = false;

  /**
   * @param clock - the timers.
   * @param milliseconds - the inactivity limit.
   * @param onExpire - called once when the limit is exceeded.
   */
  constructor(clock: Clock, milliseconds: number, onExpire: () => void) {
    this.#clock = clock;
    this.#milliseconds = milliseconds;
    this.#onExpire = onExpire;
    this.#lastActivity = clock.now();
    this.#arm(milliseconds);
  }

  /** Whether the limit was exceeded. */
  get expired(): boolean {
    return this.#expired;
  }

  /** Records activity now. */
  touch(): void {
    this.#lastActivity = this.#clock.now();
  }

  /** Cancels the timer. */
  stop(): void {
    this.#stopped = true;
    this.#clock.clearTimeout(this.#handle);
  }

  #arm(milliseconds: number): void {
    this.#handle = this.#clock.setTimeout(() => {
      if (this.#stopped) return;
      const idle = this.#clock.now() - this.#lastActivity;
      if (idle < this.#milliseconds) {
        this.#arm(this.#milliseconds - idle);
        return;
      }
      this.#expired = true;
      this.#onExpire();
    }, milliseconds);
  }
}
