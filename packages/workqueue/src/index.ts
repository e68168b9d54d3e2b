// The public surface of @kube-cache/workqueue: an explicit list of named exports.
export { Queue } from './queue';
export { DelayingQueue } from './delaying-queue';
export type { QueueOptions } from './queue-options';
export type { GetResult } from './get-result';
export type { KeyFunction } from './key-function';
export { realClock } from './workqueue-clock';
export type { WorkqueueClock } from './workqueue-clock';
export { InvalidWorkqueueArgumentError } from './invalid-workqueue-argument-error';
export { WorkqueueKeyError } from './workqueue-key-error';
