import { replicaOf, sameReplica } from './replica-of';
import type { ReplicatedKind, ReplicatedObject } from './replicated-object';
import { isReplica, namespacedName, sourceAnnotation } from './replicated-object';

/** One change the replicator makes, or declines to make. */
export type ReplicaAction =
  | { type: 'create'; object: ReplicatedObject }
  | { type: 'update'; object: ReplicatedObject }
  | { type: 'delete'; namespace: string; name: string; resourceVersion: string | undefined }
  | { type: 'conflict'; namespace: string; name: string; owner: string };

/** What {@link planReplication} looks at. */
export interface ReplicationView {
  kind: ReplicatedKind;
  /** The source's `namespace/name`. */
  sourceKey: string;
  /** The source, or `undefined` when it was deleted. */
  source: ReplicatedObject | undefined;
  /** Where it should be copied (empty when it was deleted or is no longer annotated). */
  targets: ReadonlySet<string>;
  /** The object of the source's name in a namespace, if any (from the informer's cache). */
  objectIn(namespace: string): ReplicatedObject | undefined;
  /** Every existing copy of this source (the "copies by source" index). */
  copies: readonly ReplicatedObject[];
}

/**
 * The changes that make the cluster's copies of one source match what the source says: create
 * a missing copy, update one that differs (with its resourceVersion, so a concurrent change gets
 * a 409 instead of being overwritten), delete a copy in a namespace that is no longer a target
 * (also with its resourceVersion), and report a target whose name is taken by an object the
 * replicator did not make (never touched).
 *
 * @param view - the source, its targets and what the cache holds.
 * @returns the actions, in namespace order.
 */
export function planReplication(view: ReplicationView): ReplicaAction[] {
  const actions: ReplicaAction[] = [];
  const name = view.sourceKey.slice(view.sourceKey.indexOf('/') + 1);
  if (view.source !== undefined) {
    for (const namespace of [...view.targets].sort()) {
      const desired = replicaOf(view.kind, view.source, namespace);
      const existing = view.objectIn(namespace);
      if (existing === undefined) {
        actions.push({ type: 'create', object: desired });
      } else if (
        !isReplica(existing) ||
        existing.metadata?.annotations?.[sourceAnnotation] !== view.sourceKey
      ) {
        const owner = isReplica(existing)
          ? `a copy of ${existing.metadata?.annotations?.[sourceAnnotation] ?? 'another source'}`
          : 'not made by the replicator';
        actions.push({ type: 'conflict', namespace, name, owner });
      } else if (!sameReplica(existing, desired)) {
        const metadata = {
          ...desired.metadata,
          resourceVersion: existing.metadata?.resourceVersion,
        };
        actions.push({ type: 'update', object: { ...desired, metadata } });
      }
    }
  }
  const stale = view.copies
    .filter(
      (copy) => !view.targets.has(copy.metadata?.namespace ?? '') || view.source === undefined,
    )
    .filter((copy) => copy.metadata?.annotations?.[sourceAnnotation] === view.sourceKey)
    .sort((left, right) => namespacedName(left).localeCompare(namespacedName(right)));
  for (const copy of stale) {
    actions.push({
      type: 'delete',
      namespace: copy.metadata?.namespace ?? '',
      name: copy.metadata?.name ?? name,
      resourceVersion: copy.metadata?.resourceVersion,
    });
  }
  return actions;
}
