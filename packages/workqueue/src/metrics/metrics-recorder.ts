import type { WorkqueueClock } from '../workqueue-clock';
import type { WorkqueueMetrics } from './workqueue-metrics';

// client-go's defaultUnfinishedWorkUpdatePeriod.
const unfinishedWorkPeriod = 500;
const warningInterval = 60_000;

/**
 * Computes a queue's metrics and calls the hooks, keeping the add times and the unfinished-work
 * ticker. Hook errors become (rate-limited) process warnings.
 *
 * @internal
 */
export class MetricsRecorder {
  readonly #name: string;
  readonly #hooks: WorkqueueMetrics;
  readonly #clock: WorkqueueClock;
  readonly #startTimes: () => Iterable<number>;
  // Key -> when it became dirty, until it is taken.
  readonly #addTimes = new Map<unknown, number>();
  #depth = 0;
  #ticker: unknown = undefined;
  #stopped = false;
  #lastWarning = Number.NEGATIVE_INFINITY;

  /**
   * @param name - the queue's name.
   * @param hooks - the user's hooks.
   * @param clock - the queue's clock.
   * @param startTimes - the take times of the items held by workers.
   */
  constructor(
    name: string,
    hooks: WorkqueueMetrics,
    clock: WorkqueueClock,
    startTimes: () => Iterable<number>,
  ) {
    this.#name = name;
    this.#hooks = hooks;
    this.#clock = clock;
    this.#startTimes = startTimes;
    if (hooks.unfinishedWork !== undefined || hooks.longestRunningProcessor !== undefined) {
      this.#schedule();
    }
  }

  /** An item became dirty. */
  added(key: unknown): void {
    this.#depth += 1;
    if (!this.#addTimes.has(key)) this.#addTimes.set(key, this.#clock.now());
    try {
      this.#hooks.add?.(this.#name);
      this.#hooks.depth?.(this.#name, this.#depth);
    } catch (error) {
      this.#warn(error);
    }
  }

  /** An item was taken by a worker; returns the take time. */
  taken(key: unknown): number {
    const now = this.#clock.now();
    this.#depth -= 1;
    const addedAt = this.#addTimes.get(key);
    this.#addTimes.delete(key);
    try {
      this.#hooks.depth?.(this.#name, this.#depth);
      if (addedAt !== undefined) this.#hooks.queueLatency?.(this.#name, now - addedAt);
    } catch (error) {
      this.#warn(error);
    }
    return now;
  }

  /** A worker finished an item it took at `startedAt`. */
  done(startedAt: number): void {
    try {
      this.#hooks.workDuration?.(this.#name, this.#clock.now() - startedAt);
    } catch (error) {
      this.#warn(error);
    }
  }

  /** An `addAfter` call. */
  retry(): void {
    try {
      this.#hooks.retry?.(this.#name);
    } catch (error) {
      this.#warn(error);
    }
  }

  /** Stops the unfinished-work updates (at shutdown). */
  stop(): void {
    this.#stopped = true;
    if (this.#ticker !== undefined) this.#clock.clearTimeout(this.#ticker);
    this.#ticker = undefined;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#ticker = this.#clock.setTimeout(this.#tick, unfinishedWorkPeriod);
    // A metrics timer must not keep the process alive.
    const handle = this.#ticker as { unref?: () => void } | null;
    if (typeof handle?.unref === 'function') handle.unref();
  }

  readonly #tick = (): void => {
    this.#ticker = undefined;
    const now = this.#clock.now();
    let total = 0;
    let longest = 0;
    for (const startedAt of this.#startTimes()) {
      const age = now - startedAt;
      total += age;
      if (age > longest) longest = age;
    }
    try {
      this.#hooks.unfinishedWork?.(this.#name, total);
      this.#hooks.longestRunningProcessor?.(this.#name, longest);
    } catch (error) {
      this.#warn(error);
    }
    this.#schedule();
  };

  #warn(error: unknown): void {
    const now = this.#clock.now();
    if (now - this.#lastWarning < warningInterval) return;
    this.#lastWarning = now;
    process.emitWarning(
      `workqueue ${this.#name}: a metrics hook threw: ${error instanceof Error ? error.message : String(error)}`,
      { type: 'WorkqueueMetricsWarning' },
    );
  }
}
