/**
 * The outcome of comparing the cache with the server, key by key and resourceVersion by
 * resourceVersion.
 */
export interface Comparison {
  /** Objects on the server. */
  objects: number;
  /** On the server, not in the cache. */
  missing: string[];
  /** In the cache, not on the server. */
  extra: string[];
  /** In both, with a different resourceVersion. */
  stale: string[];
  /** `missing + extra + stale`. */
  differences: number;
}

/**
 * Compares two key to resourceVersion maps: the cache's and the server's.
 *
 * @param cache - keys (`namespace/name`) and resourceVersions in the cache.
 * @param server - keys and resourceVersions on the server.
 * @returns the differences, each list sorted.
 * @example
 * ```ts
 * compareStates(new Map([['a/x', '1']]), new Map([['a/x', '2']])).stale; // ['a/x']
 * ```
 */
export function compareStates(
  cache: ReadonlyMap<string, string>,
  server: ReadonlyMap<string, string>,
): Comparison {
  const missing: string[] = [];
  const stale: string[] = [];
  for (const [key, resourceVersion] of server) {
    const cached = cache.get(key);
    if (cached === undefined) missing.push(key);
    else if (cached !== resourceVersion) stale.push(key);
  }
  const extra = [...cache.keys()].filter((key) => !server.has(key));
  missing.sort();
  stale.sort();
  extra.sort();
  return {
    objects: server.size,
    missing,
    extra,
    stale,
    differences: missing.length + extra.length + stale.length,
  };
}

/**
 * The verification line the demo ends with.
 *
 * @param comparison - the comparison.
 * @returns `cache matches server: N objects, 0 differences`, or what differs and a few keys.
 */
export function describeComparison(comparison: Comparison): string {
  const summary = `${comparison.objects} objects, ${comparison.differences} differences`;
  if (comparison.differences === 0) return `cache matches server: ${summary}`;
  const examples = [
    ...comparison.missing.slice(0, 3).map((key) => `missing ${key}`),
    ...comparison.extra.slice(0, 3).map((key) => `extra ${key}`),
    ...comparison.stale.slice(0, 3).map((key) => `stale ${key}`),
  ];
  return `cache DIFFERS from server: ${summary} (${comparison.missing.length} missing, ${comparison.extra.length} extra, ${comparison.stale.length} stale; ${examples.join(', ')})`;
}
