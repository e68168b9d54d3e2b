// Every error class of @kube-cache/workqueue, in one place. Each extends `KubeCacheError` and has a
// `static isInstance()` that works across two installed copies of the package.
export { InvalidWorkqueueArgumentError } from './invalid-workqueue-argument-error';
export { WorkqueueKeyError } from './workqueue-key-error';
