import type { PromClientLike, PromMetricConfiguration } from '@kube-cache/store-core';
import type { InformerMetrics } from './informer-metrics';

type MetricConfiguration<Registry> = PromMetricConfiguration<Registry>;

export type { PromClientLike };

/**
 * The options of {@link createPrometheusMetrics}.
 *
 * @since 0.1.0
 */
export interface PrometheusMetricsOptions<Registry> {
  /** Where the metrics are registered (a prom-client `Registry`, e.g. `register`). */
  registry: Registry;
  /** The metric name prefix; default `kube_cache_informer_`. */
  prefix?: string | undefined;
  /** Handler latency buckets in seconds; default 1 ms to 10 s. */
  buckets?: number[] | undefined;
}

/**
 * An {@link InformerMetrics} hook that records into Prometheus metrics with `prom-client`:
 * `<prefix>queue_depth`, `handler_queue_depth`, `handler_duration_seconds` (histogram),
 * `handler_errors_total`, `relists_total{reason}`, `expired_total` (410s), `reconnects_total` and
 * `last_resource_version` (when numeric), each labelled by `informer` (and `handler`).
 *
 * @typeParam Registry - prom-client's `Registry` type.
 * @param promClient - the `prom-client` module.
 * @param options - the registry, a prefix and histogram buckets.
 * @returns the metrics hook, for the informer's or factory's `metrics` option.
 * @example
 * ```ts
 * import * as promClient from 'prom-client';
 * const metrics = createPrometheusMetrics(promClient, { registry: promClient.register });
 * const informer = new SharedIndexInformer({ listerWatcher, metrics });
 * // later: response.end(await promClient.register.metrics());
 * ```
 * @since 0.1.0
 */
export function createPrometheusMetrics<Registry>(
  promClient: PromClientLike<Registry>,
  options: PrometheusMetricsOptions<Registry>,
): InformerMetrics {
  const prefix = options.prefix ?? 'kube_cache_informer_';
  const registers = [options.registry];
  const configure = (
    name: string,
    help: string,
    labelNames: string[],
  ): MetricConfiguration<Registry> => ({
    name: `${prefix}${name}`,
    help,
    labelNames,
    registers,
  });
  const informerLabel = ['informer'];
  const handlerLabels = ['informer', 'handler'];
  const queueDepth = new promClient.Gauge(
    configure('queue_depth', 'Items waiting in the informer queue', informerLabel),
  );
  const handlerQueueDepth = new promClient.Gauge(
    configure('handler_queue_depth', 'Notifications waiting for one handler', handlerLabels),
  );
  const handlerDuration = new promClient.Histogram({
    ...configure('handler_duration_seconds', 'Time spent in one handler call', handlerLabels),
    buckets: options.buckets ?? [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
  });
  const handlerErrors = new promClient.Counter(
    configure('handler_errors_total', 'Handler calls that threw or rejected', handlerLabels),
  );
  const relists = new promClient.Counter(
    configure('relists_total', 'Lists started, by reason', ['informer', 'reason']),
  );
  const expired = new promClient.Counter(
    configure('expired_total', '410 Gone/Expired answers (resourceVersion too old)', informerLabel),
  );
  const reconnects = new promClient.Counter(
    configure('reconnects_total', 'Watches opened again after the first', informerLabel),
  );
  const lastResourceVersion = new promClient.Gauge(
    configure('last_resource_version', 'The resourceVersion reached (when numeric)', informerLabel),
  );
  return {
    queueDepth: (informer, depth) => queueDepth.set({ informer }, depth),
    handlerQueueDepth: (informer, handler, depth) =>
      handlerQueueDepth.set({ informer, handler }, depth),
    handlerLatency: (informer, handler, milliseconds) =>
      handlerDuration.observe({ informer, handler }, milliseconds / 1000),
    handlerError: (informer, handler) => handlerErrors.inc({ informer, handler }),
    relist: (informer, reason) => relists.inc({ informer, reason }),
    expired: (informer) => expired.inc({ informer }),
    reconnect: (informer) => reconnects.inc({ informer }),
    lastResourceVersion: (informer, resourceVersion) => {
      // resourceVersions are opaque strings; etcd-backed servers use integers, which we chart.
      const value = Number(resourceVersion);
      if (resourceVersion !== '' && Number.isSafeInteger(value)) {
        lastResourceVersion.set({ informer }, value);
      }
    },
  };
}
