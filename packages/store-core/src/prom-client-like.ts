type Labels = Record<string, string>;

/**
 * The parts of a `prom-client` metric configuration that kube-cache's Prometheus adapters set.
 *
 * @typeParam Registry - prom-client's `Registry` type.
 * @since 0.2.0
 */
export interface PromMetricConfiguration<Registry> {
  /** The metric's name. */
  name: string;
  /** The metric's help text. */
  help: string;
  /** The label names. */
  labelNames: string[];
  /** The registries to register with. */
  registers: Registry[];
  /** Histogram buckets. */
  buckets?: number[];
}

/**
 * The parts of the `prom-client` module that kube-cache's Prometheus adapters use (the informer's
 * and the work queue's). It is passed in, so that `prom-client` stays an optional dependency of
 * yours, not of kube-cache.
 *
 * @typeParam Registry - prom-client's `Registry` type.
 * @since 0.2.0
 */
export interface PromClientLike<Registry> {
  /** prom-client's `Counter`. */
  Counter: new (configuration: PromMetricConfiguration<Registry>) => {
    inc(labels: Labels, value?: number): void;
  };
  /** prom-client's `Gauge`. */
  Gauge: new (configuration: PromMetricConfiguration<Registry>) => {
    set(labels: Labels, value: number): void;
  };
  /** prom-client's `Histogram`. */
  Histogram: new (configuration: PromMetricConfiguration<Registry>) => {
    observe(labels: Labels, value: number): void;
  };
}
