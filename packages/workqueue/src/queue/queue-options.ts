import type { KeyFunction } from './key-function';
import type { WorkqueueClock } from '../workqueue-clock';
import type { WorkqueueMetrics } from '../metrics/workqueue-metrics';

/**
 * The options of a {@link Queue} (and of the delaying and rate-limited queues built on it).
 *
 * @typeParam T - the item type.
 * @since 0.2.0
 */
export interface QueueOptions<T> {
  /** The queue's name, the `name` label of its metrics. Metrics need one, as in client-go. */
  name?: string | undefined;
  /**
   * The key of an item: items with equal keys are one piece of work. Without it items are
   * compared as `Map` keys (strings by value, objects by identity). When an item is added again
   * while it waits, the newest one is the one handed out.
   */
  keyOf?: KeyFunction<T> | undefined;
  /** Time and timers; default {@link realClock}. */
  clock?: WorkqueueClock | undefined;
  /** Metrics hooks; they need a `name`. */
  metrics?: WorkqueueMetrics | undefined;
}
