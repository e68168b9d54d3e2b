import type { KubeObject } from '@kube-cache/indexer';

/** The `apiVersion` and `kind` put on bookmark objects. */
export interface TypeMeta {
  apiVersion?: string | undefined;
  kind?: string | undefined;
}

/**
 * Builds a bookmark object: type meta and `metadata.resourceVersion` only.
 *
 * @param typeMeta - the resource's apiVersion and kind, when known.
 * @param resourceVersion - the bookmark's resourceVersion.
 * @param initialEventsEnd - whether to annotate it `k8s.io/initial-events-end: "true"`.
 * @returns the bookmark object.
 */
export function bookmarkObject(
  typeMeta: TypeMeta,
  resourceVersion: number,
  initialEventsEnd = false,
): KubeObject {
  const object: KubeObject = { metadata: { resourceVersion: String(resourceVersion) } };
  if (typeMeta.apiVersion !== undefined) object.apiVersion = typeMeta.apiVersion;
  if (typeMeta.kind !== undefined) object.kind = typeMeta.kind;
  if (initialEventsEnd && object.metadata !== undefined) {
    object.metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  }
  return object;
}
