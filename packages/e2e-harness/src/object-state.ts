/**
 * The identity and version of one object, as compared between a cache and the server.
 *
 * @since 0.1.0
 */
export interface ObjectVersion {
  /** `namespace/name`, or `name` for cluster-scoped objects (client-go's key). */
  key: string;
  resourceVersion: string;
}

/**
 * Reads the key and resourceVersion of a Kubernetes object.
 *
 * @param object - anything; it must have `metadata.name` and `metadata.resourceVersion`.
 * @returns its key and resourceVersion.
 * @throws Error when the object has no name or resourceVersion.
 * @since 0.1.0
 */
export function objectVersionOf(object: unknown): ObjectVersion {
  const metadata =
    typeof object === 'object' && object !== null && 'metadata' in object
      ? object.metadata
      : undefined;
  const read = (field: string): string | undefined => {
    if (typeof metadata !== 'object' || metadata === null || !(field in metadata)) return undefined;
    const value = (metadata as Record<string, unknown>)[field];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const name = read('name');
  const resourceVersion = read('resourceVersion');
  if (name === undefined || resourceVersion === undefined) {
    throw new Error(
      `not a stored Kubernetes object (no metadata.name/resourceVersion): ${JSON.stringify(object)}`,
    );
  }
  const namespace = read('namespace');
  return { key: namespace === undefined ? name : `${namespace}/${name}`, resourceVersion };
}

/**
 * Maps objects to `key -> resourceVersion`, the form {@link diffObjectVersions} compares.
 *
 * @param objects - Kubernetes objects.
 * @returns the map.
 * @throws Error when an object has no name or resourceVersion, or a key appears twice.
 * @since 0.1.0
 */
export function objectVersions(objects: Iterable<unknown>): Map<string, string> {
  const versions = new Map<string, string>();
  for (const object of objects) {
    const { key, resourceVersion } = objectVersionOf(object);
    if (versions.has(key)) throw new Error(`the key ${key} appears twice`);
    versions.set(key, resourceVersion);
  }
  return versions;
}

/**
 * The differences between the server's objects and a cache's, object by object: missing, extra,
 * or at another resourceVersion (any change of an object changes its resourceVersion).
 *
 * @param server - `key -> resourceVersion` on the server.
 * @param cache - `key -> resourceVersion` in the cache.
 * @param limit - report at most this many differences (default 20), plus a count of the rest.
 * @returns human-readable differences; empty when the two are equal.
 * @since 0.1.0
 */
export function diffObjectVersions(
  server: ReadonlyMap<string, string>,
  cache: ReadonlyMap<string, string>,
  limit = 20,
): string[] {
  const differences: string[] = [];
  for (const [key, resourceVersion] of server) {
    const cached = cache.get(key);
    if (cached === undefined) differences.push(`missing from the cache: ${key}@${resourceVersion}`);
    else if (cached !== resourceVersion)
      differences.push(`stale in the cache: ${key}@${cached}, server has @${resourceVersion}`);
  }
  for (const [key, resourceVersion] of cache) {
    if (!server.has(key)) differences.push(`not on the server: ${key}@${resourceVersion}`);
  }
  if (differences.length <= limit) return differences;
  return [...differences.slice(0, limit), `... and ${differences.length - limit} more`];
}
