// The public surface of @kube-cache/store-core: an explicit list of named exports.
export {
  KubeCacheError,
  IndexNotFoundError,
  IndexerConflictError,
  IndexFuncError,
  ReentrantMutationError,
  InvalidArgumentError,
} from './errors';
export type { IndexFunc, Indexers } from './thread-safe-store/index-func';
export { ThreadSafeStore } from './thread-safe-store/thread-safe-store';
export type { ThreadSafeStoreOptions } from './thread-safe-store/thread-safe-store';
export { deepFreeze } from './thread-safe-store/deep-freeze';
export type { PromClientLike, PromMetricConfiguration } from './prom-client-like';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { abortableSleep } from './abortable-sleep';
