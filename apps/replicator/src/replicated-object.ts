import type { KubeObject } from '@kube-cache/indexer';

/** The kinds the replicator copies. */
export type ReplicatedKind = 'ConfigMap' | 'Secret';

/** A ConfigMap or Secret: the fields a copy carries over. */
export interface ReplicatedObject extends KubeObject {
  data?: Readonly<Record<string, string>> | undefined;
  binaryData?: Readonly<Record<string, string>> | undefined;
  /** A Secret's type (`Opaque`, `kubernetes.io/tls`, ...). */
  type?: string | undefined;
}

/** A Namespace: its labels (for the selector) and its phase. */
export interface NamespaceObject extends KubeObject {
  status?: { phase?: string | undefined } | undefined;
}

/** The annotation listing target namespaces: `"team-a,team-b"` or `"*"`. */
export const replicateToAnnotation = 'replicator.kube-cache.dev/replicate-to';
/** The annotation selecting target namespaces by label: `"env=prod"`. */
export const replicateToSelectorAnnotation = 'replicator.kube-cache.dev/replicate-to-selector';
/** The label every copy carries (value `"true"`). */
export const replicaLabel = 'replicator.kube-cache.dev/replica';
/** The annotation naming a copy's source, `namespace/name` (the kind is the copy's own). */
export const sourceAnnotation = 'replicator.kube-cache.dev/source';

/** Whether an object is a copy made by the replicator. */
export function isReplica(object: KubeObject): boolean {
  return object.metadata?.labels?.[replicaLabel] === 'true';
}

/** Whether an object asks to be replicated (and is not itself a copy). */
export function isSource(object: KubeObject): boolean {
  const annotations = object.metadata?.annotations;
  return (
    !isReplica(object) &&
    annotations !== undefined &&
    (annotations[replicateToAnnotation] !== undefined ||
      annotations[replicateToSelectorAnnotation] !== undefined)
  );
}

/** The `namespace/name` of an object. */
export function namespacedName(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}
