import type { PromClientLike, PromMetricConfiguration } from '@kube-cache/store-core';
import type { WorkqueueMetrics } from './workqueue-metrics';

type MetricConfiguration<Registry> = PromMetricConfiguration<Registry>;

/**
 * The parts of the `prom-client` module the adapter uses (store-core's {@link PromClientLike},
 * shared with the informer's adapter).
 *
 * @typeParam Registry - prom-client's `Registry` type.
 * @since 0.2.0
 */
export type WorkqueuePromClientLike<Registry> = PromClientLike<Registry>;

/**
 * The options of {@link createPrometheusWorkqueueMetrics}.
 *
 * @since 0.2.0
 */
export interface PrometheusWorkqueueMetricsOptions<Registry> {
  /** Where the metrics are registered (a prom-client `Registry`, e.g. `register`). */
  registry: Registry;
  /** The metric name prefix; default `workqueue_`, client-go's names. */
  prefix?: string | undefined;
  /** Latency and duration buckets in seconds; default client-go's, 10 ns to 10 s by tens. */
  buckets?: number[] | undefined;
}

// client-go's ExponentialBuckets(10e-9, 10, 10).
const defaultBuckets = Array.from({ length: 10 }, (_, index) => 1e-8 * 10 ** index);

/**
 * A {@link WorkqueueMetrics} hook that records into Prometheus metrics with `prom-client`, under
 * client-go's names and meaning, labelled by `name` (the queue's): `workqueue_depth`,
 * `workqueue_adds_total`, `workqueue_queue_duration_seconds` and
 * `workqueue_work_duration_seconds` (histograms), `workqueue_unfinished_work_seconds`,
 * `workqueue_longest_running_processor_seconds` and `workqueue_retries_total`. One hook can serve
 * several queues.
 *
 * @typeParam Registry - prom-client's `Registry` type.
 * @param promClient - the `prom-client` module.
 * @param options - the registry, a prefix and histogram buckets.
 * @returns the metrics hook, for a queue's `metrics` option.
 * @example
 * ```ts
 * import * as promClient from 'prom-client';
 * const metrics = createPrometheusWorkqueueMetrics(promClient, { registry: promClient.register });
 * const queue = new RateLimitingQueue<string>({ name: 'config-maps', metrics });
 * // later: response.end(await promClient.register.metrics());
 * ```
 * @since 0.2.0
 */
export function createPrometheusWorkqueueMetrics<Registry>(
  promClient: WorkqueuePromClientLike<Registry>,
  options: PrometheusWorkqueueMetricsOptions<Registry>,
): WorkqueueMetrics {
  const prefix = options.prefix ?? 'workqueue_';
  const configure = (name: string, help: string): MetricConfiguration<Registry> => ({
    name: `${prefix}${name}`,
    help,
    labelNames: ['name'],
    registers: [options.registry],
  });
  const buckets = options.buckets ?? defaultBuckets;
  const depth = new promClient.Gauge(configure('depth', 'Current depth of workqueue'));
  const adds = new promClient.Counter(
    configure('adds_total', 'Total number of adds handled by workqueue'),
  );
  const queueDuration = new promClient.Histogram({
    ...configure(
      'queue_duration_seconds',
      'How long in seconds an item stays in workqueue before being requested',
    ),
    buckets,
  });
  const workDuration = new promClient.Histogram({
    ...configure(
      'work_duration_seconds',
      'How long in seconds processing an item from workqueue takes',
    ),
    buckets,
  });
  const unfinishedWork = new promClient.Gauge(
    configure(
      'unfinished_work_seconds',
      'How many seconds of work has been done that is in progress and has not been observed by work_duration',
    ),
  );
  const longestRunning = new promClient.Gauge(
    configure(
      'longest_running_processor_seconds',
      'How many seconds has the longest running processor for workqueue been running',
    ),
  );
  const retries = new promClient.Counter(
    configure('retries_total', 'Total number of retries handled by workqueue'),
  );
  return {
    depth: (name, value) => depth.set({ name }, value),
    add: (name) => adds.inc({ name }),
    queueLatency: (name, milliseconds) => queueDuration.observe({ name }, milliseconds / 1000),
    workDuration: (name, milliseconds) => workDuration.observe({ name }, milliseconds / 1000),
    unfinishedWork: (name, milliseconds) => unfinishedWork.set({ name }, milliseconds / 1000),
    longestRunningProcessor: (name, milliseconds) =>
      longestRunning.set({ name }, milliseconds / 1000),
    retry: (name) => retries.inc({ name }),
  };
}
