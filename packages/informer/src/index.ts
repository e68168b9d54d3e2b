// The public surface of @kube-cache/informer: an explicit list of named exports.
export { SharedIndexInformer } from './informer/shared-index-informer';
export type {
  EventHandlerOptions,
  InformerQueueKind,
  InformerReflectorOptions,
  SharedIndexInformerOptions,
} from './informer/shared-index-informer-options';
export type { ResourceEventHandler } from './handlers/resource-event-handler';
export type { EventHandlerRegistration } from './handlers/event-handler-registration';
export { filteringHandler } from './handlers/filtering-handler';
export { waitForCacheSync } from './informer/wait-for-cache-sync';
export type { Syncable, WaitForCacheSyncOptions } from './informer/wait-for-cache-sync';
export { minimumResyncPeriod } from './informer/resync-period';
export type { InformerMetrics } from './metrics/informer-metrics';
// The reflector's own type, re-exported so metrics hooks need no second import.
export type { RelistReason } from '@kube-cache/reflector';
export { createPrometheusMetrics } from './metrics/prometheus-metrics';
export type { PrometheusMetricsOptions, PromClientLike } from './metrics/prometheus-metrics';
// Listers and the factory
export { Lister, NAMESPACE_ALL, NamespaceLister } from './listers/lister';
export type { LabelSelectorInput } from './listers/lister';
export { InformerFactory } from './factory/informer-factory';
export type {
  InformerFactoryOptions,
  InformerRequest,
  InformerSelectors,
} from './factory/informer-factory-options';
export { fieldIndexFunc, fieldIndexName, fieldIndexValue } from './listers/field-index';
export { defineResource, resources } from './factory/resource-descriptors';
export type {
  ObjectOf,
  TypedResourceDescriptor,
  UntypedResourceDescriptor,
} from './factory/resource-descriptors';
export type { FieldExtractor } from './listers/field-index';
// Queues
export { RealFIFO } from './queue/real-fifo';
export type { FifoOptions } from './queue/real-fifo';
export { DeltaFIFO } from './queue/delta-fifo';
export type { DeltaFifoOptions } from './queue/delta-fifo';
export { newestDelta, oldestDelta } from './queue/delta';
export type { Delta, Deltas, DeltaType } from './queue/delta';
export type {
  InformerQueue,
  KeyListerGetter,
  PopProcessFunction,
  QueueKeyFunction,
  TransformFunction,
} from './queue/queue-types';
// Errors
export {
  DeltaProcessingError,
  EmptyDeltasError,
  EventHandlerError,
  InformerAlreadyStartedError,
  InformerStoppedError,
  InvalidInformerOptionsError,
  QueueClosedError,
  TransformError,
} from './errors/index';
