// How the in-process fake's objects go into the cluster core and come back out: a copy stamped
// with its resourceVersion on the way in, parsed from its JSON on the way out.
import type { KubeObject } from '@kube-cache/indexer';

/** Where an object is kept: its key, its namespace (`''` when it has none) and its name. */
export interface ObjectLocation {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * The location of an object under a key.
 *
 * @param key - the object's key.
 * @param object - the object (only its namespace and name are read).
 * @returns the location.
 */
export function locationOf(key: string, object: KubeObject): ObjectLocation {
  return { key, namespace: object.metadata?.namespace ?? '', name: object.metadata?.name ?? '' };
}

/**
 * An object as it leaves the fake: parsed from its JSON, as a client decodes it from the wire.
 *
 * @param body - the stored JSON.
 * @returns a fresh object.
 */
export function parseObject<T>(body: string): T {
  return JSON.parse(body) as T;
}

/**
 * A copy of an object with a new `metadata.resourceVersion`; the object itself is not modified.
 *
 * @param object - the object.
 * @param resourceVersion - the resourceVersion to stamp.
 * @returns the copy.
 */
export function withResourceVersion<T extends KubeObject>(object: T, resourceVersion: number): T {
  const copy = structuredClone(object);
  return Object.assign(copy, {
    metadata: { ...copy.metadata, resourceVersion: String(resourceVersion) },
  });
}
