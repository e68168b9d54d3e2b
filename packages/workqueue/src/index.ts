// The public surface of @kube-cache/workqueue: an explicit list of named exports.
export { Queue } from './queue';
export { DelayingQueue } from './delaying-queue';
export { RateLimitingQueue } from './rate-limiting-queue';
export type { RateLimitingQueueOptions } from './rate-limiting-queue';
export type { RateLimiter } from './rate-limiter';
export { ExponentialFailureRateLimiter } from './exponential-failure-rate-limiter';
export type { ExponentialFailureRateLimiterOptions } from './exponential-failure-rate-limiter';
export { BucketRateLimiter } from './bucket-rate-limiter';
export type { BucketRateLimiterOptions } from './bucket-rate-limiter';
export { FastSlowRateLimiter } from './fast-slow-rate-limiter';
export type { FastSlowRateLimiterOptions } from './fast-slow-rate-limiter';
export { MaxOfRateLimiter } from './max-of-rate-limiter';
export { MaxWaitRateLimiter } from './max-wait-rate-limiter';
export { defaultControllerRateLimiter } from './default-controller-rate-limiter';
export type { DefaultControllerRateLimiterOptions } from './default-controller-rate-limiter';
export type { QueueOptions } from './queue-options';
export type { GetResult } from './get-result';
export type { KeyFunction } from './key-function';
export type { WorkqueueMetrics } from './workqueue-metrics';
export { createPrometheusWorkqueueMetrics } from './prometheus-workqueue-metrics';
export type {
  PrometheusWorkqueueMetricsOptions,
  WorkqueuePromClientLike,
} from './prometheus-workqueue-metrics';
export { realClock } from './workqueue-clock';
export type { WorkqueueClock } from './workqueue-clock';
export { InvalidWorkqueueArgumentError } from './invalid-workqueue-argument-error';
export { WorkqueueKeyError } from './workqueue-key-error';
