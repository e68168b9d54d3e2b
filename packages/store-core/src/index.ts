// The public surface of @kube-cache/store-core: an explicit list of named exports.
export { KubeCacheError } from './kube-cache-error';
export type { IndexFunc, Indexers } from './index-func';
export { ThreadSafeStore } from './thread-safe-store';
export type { ThreadSafeStoreOptions } from './thread-safe-store';
export { deepFreeze } from './deep-freeze';
export { IndexNotFoundError } from './index-not-found-error';
export { IndexerConflictError } from './indexer-conflict-error';
export { IndexFuncError } from './index-func-error';
export { ReentrantMutationError } from './reentrant-mutation-error';
export { InvalidArgumentError } from './invalid-argument-error';
export type { PromClientLike, PromMetricConfiguration } from './prom-client-like';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { abortableSleep } from './abortable-sleep';
