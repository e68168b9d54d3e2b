import type { ResourceDefinition } from './resource-definition';

/**
 * One stored version of an object. `body` is the object's JSON without `apiVersion` and `kind`
 * (as list items are sent), with `metadata.resourceVersion` set; a tombstone (`deleted`) keeps
 * the last state, stamped with the deletion's resourceVersion, as the DELETED event carries it.
 */
export interface Revision {
  readonly resourceVersion: number;
  readonly body: string;
  readonly deleted: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * One object key (`namespace/name` or `name`) and its retained revisions, oldest first.
 */
export interface StoreEntry {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  revisions: Revision[];
}

/**
 * The multi-version store of one resource: entries by key, plus the keys in sorted order (as
 * etcd iterates them) for paginated lists and consistent reads at an older resourceVersion.
 */
export class ResourceStore {
  readonly definition: ResourceDefinition;
  readonly #entries = new Map<string, StoreEntry>();
  #sorted: StoreEntry[] = [];
  #sortedValid = true;
  readonly #snapshots = new Map<string, StoreEntry[]>();
  /** Set while seeding: new keys invalidate the sorted order instead of being spliced in. */
  bulkLoading = false;

  /**
   * @param definition - the resource this store holds.
   */
  constructor(definition: ResourceDefinition) {
    this.definition = definition;
  }

  /**
   * The key of an object of this resource.
   *
   * @param namespace - the namespace ('' for cluster-scoped).
   * @param name - the name.
   * @returns `namespace/name`, or `name` for a cluster-scoped resource.
   */
  keyOf(namespace: string, name: string): string {
    return this.definition.namespaced ? `${namespace}/${name}` : name;
  }

  /**
   * The namespace an object of this resource is filed under: the given one for a namespaced
   * resource (`''` when absent), always `''` for a cluster-scoped one, whose namespace is ignored.
   *
   * @param namespace - the namespace a caller named, if any.
   * @returns the namespace to key by.
   */
  scopeOf(namespace: string | undefined): string {
    return this.definition.namespaced ? (namespace ?? '') : '';
  }

  /**
   * The entry for a key, creating it (without revisions) when asked.
   *
   * @param namespace - the namespace.
   * @param name - the name.
   * @param create - whether to create a missing entry.
   * @returns the entry, or undefined.
   */
  entry(namespace: string, name: string, create = false): StoreEntry | undefined {
    return this.entryByKey(this.keyOf(namespace, name), namespace, name, create);
  }

  /**
   * The entry for a key the caller computed (the in-process fake's own key function), creating
   * it (without revisions) when asked.
   *
   * @param key - the object's key.
   * @param namespace - the object's namespace ('' when it has none).
   * @param name - the object's name.
   * @param create - whether to create a missing entry.
   * @returns the entry, or undefined.
   */
  entryByKey(key: string, namespace: string, name: string, create = false): StoreEntry | undefined {
    let entry = this.#entries.get(key);
    if (entry === undefined && create) {
      entry = { key, namespace, name, revisions: [] };
      this.#entries.set(key, entry);
      this.#insertSorted(entry);
    }
    return entry;
  }

  /**
   * Removes an entry whose history no longer matters.
   *
   * @param entry - the entry.
   */
  remove(entry: StoreEntry): void {
    if (this.#entries.get(entry.key) !== entry) return;
    this.#entries.delete(entry.key);
    this.#sortedValid = false;
  }

  /** Every entry, in no particular order. */
  entries(): IterableIterator<StoreEntry> {
    return this.#entries.values();
  }

  /**
   * The entries of a namespace (or all) that are live at a resourceVersion, in key order. A
   * snapshot at a retained RV never changes (revisions are immutable), so the last few are
   * cached: paging through a large list then costs O(page) per page, not O(collection).
   *
   * @param resourceVersion - the read's resourceVersion.
   * @param namespace - the namespace, or undefined for all.
   * @returns the live entries (shared: do not modify).
   */
  snapshot(resourceVersion: number, namespace: string | undefined): readonly StoreEntry[] {
    const cacheKey = `${resourceVersion}|${namespace ?? ''}`;
    const cached = this.#snapshots.get(cacheKey);
    if (cached !== undefined) return cached;
    const { entries, start, end } = this.bounds(namespace);
    const live: StoreEntry[] = [];
    for (let index = start; index < end; index += 1) {
      const entry = entries[index];
      if (entry !== undefined && revisionAt(entry, resourceVersion) !== undefined) live.push(entry);
    }
    this.#snapshots.set(cacheKey, live);
    if (this.#snapshots.size > 8) {
      const oldest = this.#snapshots.keys().next().value;
      if (oldest !== undefined) this.#snapshots.delete(oldest);
    }
    return live;
  }

  /** Forgets the cached snapshots (after compaction, they can no longer be read). */
  clearSnapshots(): void {
    this.#snapshots.clear();
  }

  /**
   * The sorted entries and the index range of a namespace (or all), from an optional start key,
   * without copying. Valid until the next write.
   *
   * @param namespace - the namespace, or undefined for all.
   * @param startKey - the inclusive start key.
   * @returns the shared sorted array and `[start, end)`.
   */
  bounds(
    namespace: string | undefined,
    startKey = '',
  ): { entries: readonly StoreEntry[]; start: number; end: number } {
    const entries = this.#sortedEntries();
    if (namespace === undefined || !this.definition.namespaced) {
      return { entries, start: lowerBound(entries, startKey), end: entries.length };
    }
    // '0' sorts right after '/', so [ns/, ns0) is exactly the keys of the namespace.
    const from = `${namespace}/`;
    const start = lowerBound(entries, startKey > from ? startKey : from);
    return { entries, start, end: Math.max(start, lowerBound(entries, `${namespace}0`)) };
  }

  /**
   * The entries of one namespace (or all, for `undefined`) from an optional start key on.
   *
   * @param namespace - the namespace, or undefined for all.
   * @param startKey - the inclusive start key, from a continue token.
   * @returns the entries in key order.
   */
  scope(namespace: string | undefined, startKey = ''): StoreEntry[] {
    const { entries, start, end } = this.bounds(namespace, startKey);
    return entries.slice(start, end);
  }

  #insertSorted(entry: StoreEntry): void {
    if (!this.#sortedValid) return;
    const sorted = this.#sorted;
    const last = sorted[sorted.length - 1];
    if (last === undefined || last.key < entry.key) {
      sorted.push(entry);
      return;
    }
    // Bulk seeding out of order: re-sort once on the next read instead of splicing each time.
    if (this.bulkLoading) {
      this.#sortedValid = false;
      return;
    }
    sorted.splice(lowerBound(sorted, entry.key), 0, entry);
  }

  #sortedEntries(): StoreEntry[] {
    if (!this.#sortedValid) {
      this.#sorted = [...this.#entries.values()].sort((left, right) =>
        left.key < right.key ? -1 : left.key > right.key ? 1 : 0,
      );
      this.#sortedValid = true;
    }
    return this.#sorted;
  }
}

/**
 * The latest revision of an entry at or before `resourceVersion`, if it is not deleted.
 *
 * @param entry - the entry.
 * @param resourceVersion - the read's resourceVersion.
 * @returns the live revision, or undefined when the object did not exist then.
 */
export function revisionAt(entry: StoreEntry, resourceVersion: number): Revision | undefined {
  const revisions = entry.revisions;
  for (let index = revisions.length - 1; index >= 0; index -= 1) {
    const revision = revisions[index];
    if (revision !== undefined && revision.resourceVersion <= resourceVersion) {
      return revision.deleted ? undefined : revision;
    }
  }
  return undefined;
}

/**
 * The newest revision of an entry, if the object currently exists.
 *
 * @param entry - the entry, if any.
 * @returns the live revision, or undefined.
 */
export function currentRevision(entry: StoreEntry | undefined): Revision | undefined {
  const revision = entry?.revisions[entry.revisions.length - 1];
  return revision === undefined || revision.deleted ? undefined : revision;
}

/**
 * The index of the first entry whose key is not less than `key`.
 *
 * @param sorted - entries in key order.
 * @param key - the key.
 * @returns the index.
 */
export function lowerBound(sorted: readonly StoreEntry[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle]?.key ?? '') < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
