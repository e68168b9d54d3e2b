import type { ResourceStore, StoreEntry } from './resource-store';

/**
 * Drops an object's revisions that no read can reach any more: it keeps the revisions newer than
 * the compaction point plus the one visible at it, and removes the entry once nothing is left
 * but a tombstone at or before the compaction point.
 *
 * @param store - the resource the entry belongs to.
 * @param entry - the object's entry.
 * @param compactedResourceVersion - the newest forgotten resourceVersion.
 */
export function pruneRevisions(
  store: ResourceStore,
  entry: StoreEntry,
  compactedResourceVersion: number,
): void {
  const revisions = entry.revisions;
  let drop = 0;
  while (
    drop + 1 < revisions.length &&
    (revisions[drop + 1]?.resourceVersion ?? Infinity) <= compactedResourceVersion
  )
    drop += 1;
  if (drop > 0) entry.revisions = revisions.slice(drop);
  const only = entry.revisions.length === 1 ? entry.revisions[0] : undefined;
  if (
    entry.revisions.length === 0 ||
    (only !== undefined && only.deleted && only.resourceVersion <= compactedResourceVersion)
  ) {
    store.remove(entry);
  }
}
