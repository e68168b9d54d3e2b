// The public surface of @kube-cache/workqueue: an explicit list of named exports.
export { Queue } from './queue/queue';
export { DelayingQueue } from './queue/delaying-queue';
export { RateLimitingQueue } from './queue/rate-limiting-queue';
export type { RateLimitingQueueOptions } from './queue/rate-limiting-queue';
export type { RateLimiter } from './rate-limiters/rate-limiter';
export { ExponentialFailureRateLimiter } from './rate-limiters/exponential-failure-rate-limiter';
export type { ExponentialFailureRateLimiterOptions } from './rate-limiters/exponential-failure-rate-limiter';
export { BucketRateLimiter } from './rate-limiters/bucket-rate-limiter';
export type { BucketRateLimiterOptions } from './rate-limiters/bucket-rate-limiter';
export { FastSlowRateLimiter } from './rate-limiters/fast-slow-rate-limiter';
export type { FastSlowRateLimiterOptions } from './rate-limiters/fast-slow-rate-limiter';
export { MaxOfRateLimiter } from './rate-limiters/max-of-rate-limiter';
export { MaxWaitRateLimiter } from './rate-limiters/max-wait-rate-limiter';
export { defaultControllerRateLimiter } from './rate-limiters/default-controller-rate-limiter';
export type { DefaultControllerRateLimiterOptions } from './rate-limiters/default-controller-rate-limiter';
export type { QueueOptions } from './queue/queue-options';
export type { GetResult } from './queue/get-result';
export type { KeyFunction } from './queue/key-function';
export type { WorkqueueMetrics } from './metrics/workqueue-metrics';
export { createPrometheusWorkqueueMetrics } from './metrics/prometheus-workqueue-metrics';
export type {
  PrometheusWorkqueueMetricsOptions,
  WorkqueuePromClientLike,
} from './metrics/prometheus-workqueue-metrics';
export { realClock } from './workqueue-clock';
export type { WorkqueueClock } from './workqueue-clock';
export { InvalidWorkqueueArgumentError, WorkqueueKeyError } from './errors/index';
