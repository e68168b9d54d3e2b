/**
 * A pluggable metrics hook for a named queue, in the informer's style: every method is optional
 * and called synchronously from the queue, so keep them cheap (increment a counter, set a gauge).
 * The quantities are client-go's workqueue metrics; see {@link createPrometheusWorkqueueMetrics}
 * for `prom-client` with client-go's metric names. A hook that throws is reported with
 * `process.emitWarning` (at most once a minute per queue) and never disturbs the queue.
 *
 * @example
 * ```ts
 * const metrics: WorkqueueMetrics = {
 *   depth: (queue, depth) => console.log(`${queue}: ${depth} waiting`),
 *   retry: (queue) => console.log(`${queue}: retry`),
 * };
 * const queue = new RateLimitingQueue<string>({ name: 'config-maps', metrics });
 * ```
 * @since 0.2.0
 */
export interface WorkqueueMetrics {
  /**
   * The queue's depth after each change: items waiting plus items added again while held (a
   * deduplicated add does not count, as in client-go's `workqueue_depth`).
   */
  depth?(queue: string, depth: number): void;
  /** An add that made an item need processing (deduplicated adds are not counted). */
  add?(queue: string): void;
  /** How long an item waited, from the add that made it need processing to the `get`. */
  queueLatency?(queue: string, milliseconds: number): void;
  /** How long a worker held an item, from `get` to `done`. */
  workDuration?(queue: string, milliseconds: number): void;
  /** The sum of the ages of the items held by workers, every 500 ms until shutdown. */
  unfinishedWork?(queue: string, milliseconds: number): void;
  /** The age of the item held longest, every 500 ms until shutdown (0 when none is held). */
  longestRunningProcessor?(queue: string, milliseconds: number): void;
  /** An `addAfter` call (every one, also with no delay; `addRateLimited` calls it). */
  retry?(queue: string): void;
}
