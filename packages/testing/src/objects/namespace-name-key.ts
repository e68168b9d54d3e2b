import type { KubeObject } from '@kube-cache/indexer';

/**
 * The default key of the fakes: `namespace/name`, or `name` for a cluster-scoped object (the same
 * key as client-go's `MetaNamespaceKeyFunc`).
 *
 * @param object - an object with a `metadata.name`.
 * @returns its key.
 */
export function namespaceNameKey(object: KubeObject): string {
  const name = object.metadata?.name ?? '';
  const namespace = object.metadata?.namespace ?? '';
  return namespace === '' ? name : `${namespace}/${name}`;
}
