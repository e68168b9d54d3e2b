import type { ReplicatedKind, ReplicatedObject } from './replicated-object';
import { namespacedName, replicaLabel, sourceAnnotation } from './replicated-object';

/**
 * The copy of `source` in `namespace`: the same name, data, binaryData and (for a Secret) type,
 * the replica label, and the annotation naming the source. Nothing else of the source's metadata
 * is carried over (no replicate-to annotation, so copies are never copied again).
 *
 * @param kind - the source's kind.
 * @param source - the source object.
 * @param namespace - the target namespace.
 * @returns the copy, without a resourceVersion.
 */
export function replicaOf(
  kind: ReplicatedKind,
  source: ReplicatedObject,
  namespace: string,
): ReplicatedObject {
  const copy: ReplicatedObject = {
    apiVersion: 'v1',
    kind,
    metadata: {
      name: source.metadata?.name,
      namespace,
      labels: { [replicaLabel]: 'true' },
      annotations: { [sourceAnnotation]: namespacedName(source) },
    },
  };
  if (source.data !== undefined) copy.data = { ...source.data };
  if (source.binaryData !== undefined) copy.binaryData = { ...source.binaryData };
  if (kind === 'Secret' && source.type !== undefined) copy.type = source.type;
  return copy;
}

function sameRecord(
  left: Readonly<Record<string, string>> | undefined,
  right: Readonly<Record<string, string>> | undefined,
): boolean {
  const leftKeys = Object.keys(left ?? {});
  if (leftKeys.length !== Object.keys(right ?? {}).length) return false;
  return leftKeys.every((key) => right?.[key] === left?.[key]);
}

/**
 * Whether an existing copy already says what the desired copy says: data, binaryData, type, the
 * replica label and the source annotation (other labels and annotations are left to users).
 *
 * @param existing - the object in the cluster.
 * @param desired - {@link replicaOf}'s result.
 * @returns `true` when no update is needed.
 */
export function sameReplica(existing: ReplicatedObject, desired: ReplicatedObject): boolean {
  return (
    sameRecord(existing.data, desired.data) &&
    sameRecord(existing.binaryData, desired.binaryData) &&
    (desired.type === undefined || existing.type === desired.type) &&
    existing.metadata?.labels?.[replicaLabel] === 'true' &&
    existing.metadata.annotations?.[sourceAnnotation] ===
      desired.metadata?.annotations?.[sourceAnnotation]
  );
}
