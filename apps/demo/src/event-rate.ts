/**
 * Events per second, measured between two samples: count events as they come, and ask for the
 * rate at each frame.
 *
 * @example
 * ```ts
 * const rate = new EventRate();
 * rate.record();
 * rate.sample(); // events per second since the previous sample
 * ```
 */
export class EventRate {
  readonly #now: () => number;
  #count = 0;
  #lastCount = 0;
  #lastTime: number;
  #rate = 0;

  /**
   * @param now - the clock in milliseconds; `performance.now` by default.
   */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#lastTime = now();
  }

  /**
   * Counts events.
   *
   * @param count - how many; 1 by default.
   */
  record(count = 1): void {
    this.#count += count;
  }

  /**
   * The rate since the previous sample; samples closer than 100 ms apart return the last rate.
   *
   * @returns events per second.
   */
  sample(): number {
    const now = this.#now();
    const elapsed = now - this.#lastTime;
    if (elapsed < 100) return this.#rate;
    this.#rate = ((this.#count - this.#lastCount) * 1000) / elapsed;
    this.#lastCount = this.#count;
    this.#lastTime = now;
    return this.#rate;
  }
}
