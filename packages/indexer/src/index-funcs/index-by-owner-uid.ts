import type { IndexFunc } from '@kube-cache/store-core';
import type { KubeObject } from '../api/kube-object';

/**
 * Options of {@link indexByOwnerUid}.
 *
 * @since 0.1.0
 */
export interface IndexByOwnerUidOptions {
  /** Only the owner reference with `controller: true` counts. Default `false`: every owner. */
  controllerOnly?: boolean | undefined;
}

/**
 * Builds an index func that files each object under the UID of every owner in
 * `metadata.ownerReferences`, so that `byIndex('owner', replicaSet.metadata.uid)` finds a
 * ReplicaSet's pods. Objects without owners are not in the index.
 *
 * @param options - see {@link IndexByOwnerUidOptions}.
 * @returns the index func.
 * @example
 * ```ts
 * const pods = new Cache<Pod>(metaNamespaceKeyFunc, { owner: indexByOwnerUid() });
 * pods.byIndex('owner', replicaSetUid);
 * ```
 * @since 0.1.0
 */
export function indexByOwnerUid<T extends KubeObject = KubeObject>(
  options: IndexByOwnerUidOptions = {},
): IndexFunc<T> {
  const controllerOnly = options.controllerOnly === true;
  return (object) => {
    const references: unknown = (object as KubeObject | null | undefined)?.metadata
      ?.ownerReferences;
    if (!Array.isArray(references)) return [];
    const uids: string[] = [];
    for (const reference of references as unknown[]) {
      if (typeof reference !== 'object' || reference === null) continue;
      const { uid, controller } = reference as { uid?: unknown; controller?: unknown };
      if (typeof uid !== 'string' || uid === '' || (controllerOnly && controller !== true))
        continue;
      if (!uids.includes(uid)) uids.push(uid);
    }
    return uids;
  };
}
