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
// Label and field selectors, with apimachinery's parsing and matching semantics.
export { SelectorParseError } from './selector-parse-error';
export { labelSelectorFromMatchLabels, parseLabelSelector } from './label-selector';
export type { LabelOperator, LabelRequirement, LabelSelector, LabelSelectorObject } from './label-selector';
export { escapeFieldSelectorValue, parseFieldSelector } from './field-selector';
export type { FieldRequirement, FieldSelector } from './field-selector';
