// The error classes of @kube-cache/store-core, for the package's own modules and `src/index.ts`.
export { KubeCacheError } from './kube-cache-error';
export { IndexFuncError } from './index-func-error';
export { IndexNotFoundError } from './index-not-found-error';
export { IndexerConflictError } from './indexer-conflict-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { ReentrantMutationError } from './reentrant-mutation-error';
