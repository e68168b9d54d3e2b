// The public surface of @kube-cache/indexer: an explicit list of named exports.
export type { KubeObject, ObjectMeta, OwnerReference } from './api/kube-object';
export type {
  ListerWatcher,
  ListOptions,
  ListResult,
  Status,
  StatusCause,
  WatchEvent,
  WatchStream,
  WatchEventType,
} from './api/list-watch';
export { ApiStatusError } from './errors';
export { DeletedFinalStateUnknown } from './cache/deleted-final-state-unknown';
export { Cache } from './cache/cache';
export type { CacheOptions } from './cache/cache';
export type { Store } from './cache/store';
export type { Indexer } from './cache/indexer';
export { newStore } from './cache/new-store';
export { newIndexer } from './cache/new-indexer';
export type { KeyFunc } from './key-funcs/key-func';
export { KeyError, MissingMetadataError, MalformedKeyError, FieldPathError } from './errors';
export { ExplicitKey, explicitKey } from './key-funcs/explicit-key';
export { metaNamespaceKeyFunc } from './key-funcs/meta-namespace-key-func';
export { deletionHandlingMetaNamespaceKeyFunc } from './key-funcs/deletion-handling-meta-namespace-key-func';
export { splitMetaNamespaceKey } from './key-funcs/split-meta-namespace-key';
export { metaNamespaceIndexFunc, NAMESPACE_INDEX } from './index-funcs/meta-namespace-index-func';
export { indexFuncToKeyFuncAdapter } from './key-funcs/index-func-to-key-func-adapter';
export { indexByLabel } from './index-funcs/index-by-label';
export { indexByField } from './index-funcs/index-by-field';
export { indexByOwnerUid } from './index-funcs/index-by-owner-uid';
export type { IndexByOwnerUidOptions } from './index-funcs/index-by-owner-uid';
// Re-exported from @kube-cache/store-core, so that one install gives the whole cache API.
export {
  IndexerConflictError,
  IndexFuncError,
  IndexNotFoundError,
  InvalidArgumentError,
  KubeCacheError,
  ReentrantMutationError,
  ThreadSafeStore,
} from '@kube-cache/store-core';
export type { IndexFunc, Indexers, ThreadSafeStoreOptions } from '@kube-cache/store-core';
// Label and field selectors, with apimachinery's parsing and matching semantics.
export { SelectorParseError } from './errors';
export { labelSelectorFromMatchLabels, parseLabelSelector } from './label-selector/label-selector';
export type {
  LabelOperator,
  LabelRequirement,
  LabelSelector,
  LabelSelectorObject,
} from './label-selector/label-selector-types';
export { escapeFieldSelectorValue, parseFieldSelector } from './field-selector/field-selector';
export type { FieldRequirement, FieldSelector } from './field-selector/field-selector';
