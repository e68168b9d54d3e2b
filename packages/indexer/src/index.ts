// The public surface of @kube-cache/indexer: an explicit list of named exports.
export type { KubeObject, ObjectMeta, OwnerReference } from './kube-object';
export type {
  ListerWatcher,
  ListOptions,
  ListResult,
  Status,
  StatusCause,
  WatchEvent,
  WatchStream,
  WatchEventType,
} from './list-watch';
export { ApiStatusError } from './api-status-error';
export { DeletedFinalStateUnknown } from './deleted-final-state-unknown';
export { Cache } from './cache';
export type { CacheOptions } from './cache';
export type { Store } from './store';
export type { Indexer } from './indexer';
export { newStore } from './new-store';
export { newIndexer } from './new-indexer';
export type { KeyFunc } from './key-func';
export { KeyError } from './key-error';
export { MissingMetadataError } from './missing-metadata-error';
export { MalformedKeyError } from './malformed-key-error';
export { FieldPathError } from './field-path-error';
export { ExplicitKey, explicitKey } from './explicit-key';
export { metaNamespaceKeyFunc } from './meta-namespace-key-func';
export { deletionHandlingMetaNamespaceKeyFunc } from './deletion-handling-meta-namespace-key-func';
export { splitMetaNamespaceKey } from './split-meta-namespace-key';
export { metaNamespaceIndexFunc, NAMESPACE_INDEX } from './meta-namespace-index-func';
export { indexFuncToKeyFuncAdapter } from './index-func-to-key-func-adapter';
export { indexByLabel } from './index-by-label';
export { indexByField } from './index-by-field';
export { indexByOwnerUid } from './index-by-owner-uid';
export type { IndexByOwnerUidOptions } from './index-by-owner-uid';
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
export { SelectorParseError } from './selector-parse-error';
export { labelSelectorFromMatchLabels, parseLabelSelector } from './label-selector';
export type {
  LabelOperator,
  LabelRequirement,
  LabelSelector,
  LabelSelectorObject,
} from './label-selector';
export { escapeFieldSelectorValue, parseFieldSelector } from './field-selector';
export type { FieldRequirement, FieldSelector } from './field-selector';
