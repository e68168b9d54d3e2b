// Every error class of @kube-cache/informer, in one place. Each extends `KubeCacheError` and has a
// `static isInstance()` that works across two installed copies of the package.
export { QueueClosedError } from './queue-closed-error';
export { TransformError } from './transform-error';
export { EmptyDeltasError } from './empty-deltas-error';
export { EventHandlerError } from './event-handler-error';
export { DeltaProcessingError } from './delta-processing-error';
export { InformerAlreadyStartedError } from './informer-already-started-error';
export { InformerStoppedError } from './informer-stopped-error';
export { InvalidInformerOptionsError } from './invalid-informer-options-error';
