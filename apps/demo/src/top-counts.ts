import type { NamedCount } from './demo-snapshot';

/**
 * The `limit` largest counts, largest first, ties by name.
 *
 * @param counts - name and count pairs.
 * @param limit - how many to keep.
 * @returns the top counts.
 * @example
 * ```ts
 * topCounts([['a', 1], ['b', 3]], 1); // [{ name: 'b', count: 3 }]
 * ```
 */
export function topCounts(
  counts: Iterable<readonly [string, number]>,
  limit: number,
): NamedCount[] {
  const all = Array.from(counts, ([name, count]) => ({ name, count }));
  all.sort(
    (left, right) =>
      right.count - left.count || (left.name < right.name ? -1 : left.name > right.name ? 1 : 0),
  );
  return all.slice(0, limit);
}
