/** The shortest bookmark-learned limit: well above one minute, the API server's bookmark period. */
const minimumLearnedMilliseconds = 90_000;
/** How many periods of silence make a watch that had periodic bookmarks dead. */
const periodsOfSilence = 2.5;
/** How many recent intervals the period is taken from (the longest of them). */
const keptIntervals = 5;
/** Intervals needed before the period counts as known. */
const intervalsNeeded = 2;

/**
 * Learns the period of a reflector's periodic watch bookmarks (kube-apiserver sends one about
 * every minute from its watch cache, once the resource has changed since it started) so that the
 * watch inactivity limit can follow it: `max(90 s, 2.5 × period)`, never above the fixed limit.
 * Intervals are measured between bookmarks of one watch (never across a re-watch) and kept across
 * watches, so a new watch starts with what the last one learned; the longest of the last five
 * counts, so a late bookmark lengthens the limit at once. Once at least two intervals are known,
 * the period is known.
 */
export class BookmarkPeriod {
  readonly #intervals: number[] = [];
  #previous: number | undefined;

  /**
   * The learned period in milliseconds, or `undefined` before two intervals were observed.
   *
   * @returns the period.
   */
  get periodMilliseconds(): number | undefined {
    if (this.#intervals.length < intervalsNeeded) return undefined;
    return Math.max(...this.#intervals);
  }

  /** A new watch starts: the gap since the last watch's bookmark is no interval. */
  watchStarted(): void {
    this.#previous = undefined;
  }

  /**
   * Records a periodic bookmark (not the end-of-initial-events one).
   *
   * @param now - the clock time it arrived.
   */
  observe(now: number): void {
    const previous = this.#previous;
    this.#previous = now;
    if (previous === undefined || now <= previous) return;
    this.#intervals.push(now - previous);
    if (this.#intervals.length > keptIntervals) this.#intervals.shift();
  }

  /**
   * The inactivity limit the bookmarks call for.
   *
   * @param fixedMilliseconds - the configured limit, which the learned one never exceeds.
   * @returns `min(fixed, max(90 s, 2.5 × period))`, or `undefined` while the period is unknown.
   */
  limit(fixedMilliseconds: number): number | undefined {
    const period = this.periodMilliseconds;
    if (period === undefined) return undefined;
    return Math.min(
      fixedMilliseconds,
      Math.max(minimumLearnedMilliseconds, Math.ceil(periodsOfSilence * period)),
    );
  }

  /** Drops what was learned (after the learned limit cut a watch: the bookmarks may have stopped). */
  forget(): void {
    this.#intervals.length = 0;
    this.#previous = undefined;
  }
}
