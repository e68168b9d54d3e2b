// The public surface of @kube-cache/store-core: an explicit list of named exports.
export { KubeCacheError } from './kube-cache-error';
