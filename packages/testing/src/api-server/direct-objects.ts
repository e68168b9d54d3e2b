// The fake API server's reads and writes without HTTP: the same rules as the requests, and the
// objects handed back are copies, parsed from the JSON a client would receive.
import type { KubeObject } from '@kube-cache/indexer';
import type { ObjectStore } from '../cluster/object-store';
import type { ResourceDefinition } from '../cluster/resource-definition';
import { currentRevision } from '../cluster/resource-store';
import type { Revision } from '../cluster/resource-store';
import { objectJson } from './http-messages';

/**
 * Creates an object with the same rules as a POST.
 *
 * @param objects - the cluster's objects.
 * @param object - the object, with apiVersion and kind.
 * @returns the stored object (a copy).
 * @throws ApiStatusError 404 (unknown kind or missing namespace), 409, 422.
 */
export function createObject<T extends KubeObject>(objects: ObjectStore, object: T): T {
  const store = objects.storeFor(object.apiVersion ?? '', object.kind ?? '');
  return parsedCopy<T>(store.definition, objects.create(store, object));
}

/**
 * Replaces an object with the same rules as a PUT (a stale resourceVersion is a 409).
 *
 * @param objects - the cluster's objects.
 * @param object - the new state.
 * @returns the stored object (a copy).
 * @throws ApiStatusError 404, 409, 422.
 */
export function updateObject<T extends KubeObject>(objects: ObjectStore, object: T): T {
  const store = objects.storeFor(object.apiVersion ?? '', object.kind ?? '');
  return parsedCopy<T>(store.definition, objects.update(store, object));
}

/**
 * Deletes an object if it exists.
 *
 * @param objects - the cluster's objects.
 * @param coordinates - apiVersion, kind, namespace (undefined for cluster-scoped) and name.
 * @returns the deleted object, or undefined when it did not exist.
 */
export function deleteObject(
  objects: ObjectStore,
  coordinates: ObjectCoordinates,
): KubeObject | undefined {
  const store = objects.storeFor(coordinates.apiVersion, coordinates.kind);
  const scope = store.scopeOf(coordinates.namespace);
  if (currentRevision(store.entry(scope, coordinates.name)) === undefined) return undefined;
  return parsedCopy(store.definition, objects.delete(store, scope, coordinates.name));
}

/**
 * Reads one object.
 *
 * @param objects - the cluster's objects.
 * @param coordinates - apiVersion, kind, namespace (undefined for cluster-scoped) and name.
 * @returns a copy of the object, or undefined.
 */
export function readObject(
  objects: ObjectStore,
  coordinates: ObjectCoordinates,
): KubeObject | undefined {
  const store = objects.storeFor(coordinates.apiVersion, coordinates.kind);
  const revision = currentRevision(
    store.entry(store.scopeOf(coordinates.namespace), coordinates.name),
  );
  return revision === undefined ? undefined : parsedCopy(store.definition, revision);
}

/**
 * Lists the current objects of a kind, in key order.
 *
 * @param objects - the cluster's objects.
 * @param apiVersion - for example `v1`.
 * @param kind - for example `Pod`.
 * @param namespace - only this namespace, when given.
 * @returns copies of the objects.
 */
export function listObjects(
  objects: ObjectStore,
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
): KubeObject[] {
  const store = objects.storeFor(apiVersion, kind);
  const copies: KubeObject[] = [];
  for (const entry of store.scope(namespace)) {
    const revision = currentRevision(entry);
    if (revision !== undefined) copies.push(parsedCopy(store.definition, revision));
  }
  return copies;
}

/** Where one object is: its resource, its namespace (undefined for cluster-scoped) and its name. */
export interface ObjectCoordinates {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

function parsedCopy<T extends KubeObject>(definition: ResourceDefinition, revision: Revision): T {
  return JSON.parse(objectJson(definition, revision)) as T;
}
