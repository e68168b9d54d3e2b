// Loading a fake cluster with test data: namespaces on demand, and many objects at once.
import type { KubeObject } from '@kube-cache/indexer';
import { validateWrite } from './object-revision';
import type { ObjectStore } from './object-store';
import { currentRevision } from './resource-store';
import type { ResourceStore } from './resource-store';

/**
 * Inserts or replaces many objects quickly, creating their namespaces first. Each object gets its
 * own resourceVersion and an ADDED (or MODIFIED) event. While loading, a resource store sorts
 * its keys once on the next read instead of inserting each object in key order.
 *
 * @param objects - the cluster's objects.
 * @param seeded - objects with apiVersion, kind and metadata.name.
 * @throws ApiStatusError for an unknown kind or an invalid object (objects before it stay).
 */
export function seedObjects(objects: ObjectStore, seeded: readonly KubeObject[]): void {
  const namespaces = new Set<string>();
  for (const object of seeded) {
    const namespace = object.metadata?.namespace;
    if (namespace !== undefined && namespace !== '') namespaces.add(namespace);
  }
  for (const namespace of namespaces) ensureNamespace(objects, namespace);
  const stores = new Set<ResourceStore>();
  try {
    for (const object of seeded) {
      const store = objects.storeFor(object.apiVersion ?? '', object.kind ?? '');
      if (!stores.has(store)) {
        stores.add(store);
        store.bulkLoading = true;
      }
      const metadata = validateWrite(store.definition, object, undefined);
      const existing = currentRevision(store.entry(metadata.namespace, metadata.name ?? ''));
      if (existing === undefined) objects.create(store, object);
      else
        objects.update(store, {
          ...object,
          metadata: { ...object.metadata, resourceVersion: undefined },
        });
    }
  } finally {
    for (const store of stores) store.bulkLoading = false;
  }
}

/**
 * Creates a namespace if it does not exist, as the real server's namespace controller would
 * have it: labelled with its name, with the `kubernetes` finalizer, `Active`.
 *
 * @param objects - the cluster's objects.
 * @param name - the namespace name.
 */
export function ensureNamespace(objects: ObjectStore, name: string): void {
  const namespaces = objects.storeFor('v1', 'Namespace');
  if (currentRevision(namespaces.entry('', name)) !== undefined) return;
  objects.create(namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  } as KubeObject);
}
