// The public surface of @kube-cache/indexer: an explicit list of named exports.
export type { KubeObject, ObjectMeta, OwnerReference } from './kube-object';
export type {
  ListerWatcher,
  ListOptions,
  ListResult,
  Status,
  StatusCause,
  WatchEvent,
  WatchEventType,
} from './list-watch';
export { ApiStatusError } from './api-status-error';
export { DeletedFinalStateUnknown } from './deleted-final-state-unknown';
