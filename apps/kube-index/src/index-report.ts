/**
 * One value of the index: how many objects have it, and their keys (`namespace/name`).
 */
export interface IndexEntry {
  value: string;
  count: number;
  keys: string[];
}

/**
 * The whole index as kube-index prints it.
 */
export interface IndexReport {
  /** The resource, as `plural` or `plural.group`. */
  resource: string;
  /** What is indexed, for example `field spec.nodeName`. */
  indexBy: string;
  /** The informer's last synced resourceVersion. */
  resourceVersion: string;
  /** Objects in the cache. */
  objects: number;
  /** Values, most objects first. */
  entries: IndexEntry[];
  /** Keys of objects with no value for the expression. */
  unindexed: string[];
}

/**
 * What {@link buildIndexReport} reads from an indexer.
 */
export interface IndexSource {
  /** The index's values (`listIndexFuncValues`). */
  values: readonly string[];
  /** The keys of the objects with a value (`indexKeys` or `byIndex` mapped to keys). */
  keysFor: (value: string) => readonly string[];
  /** Every key in the cache. */
  allKeys: readonly string[];
}

/**
 * Builds the report: entries sorted by count (then value), keys sorted, and the objects the
 * expression found no value in.
 *
 * @param source - the index.
 * @param about - resource, description and resourceVersion for the heading.
 * @returns the report.
 * @example
 * ```ts
 * buildIndexReport({ values: ['a'], keysFor: () => ['ns/x'], allKeys: ['ns/x', 'ns/y'] }, about).unindexed; // ['ns/y']
 * ```
 */
export function buildIndexReport(
  source: IndexSource,
  about: { resource: string; indexBy: string; resourceVersion: string },
): IndexReport {
  const indexed = new Set<string>();
  const entries = source.values
    .map((value) => {
      const keys = [...source.keysFor(value)].sort();
      for (const key of keys) indexed.add(key);
      return { value, count: keys.length, keys };
    })
    .filter((entry) => entry.count > 0)
    .sort((left, right) => right.count - left.count || compareText(left.value, right.value));
  const unindexed = source.allKeys.filter((key) => !indexed.has(key)).sort();
  return { ...about, objects: source.allKeys.length, entries, unindexed };
}

/**
 * Renders the report as a table: a heading, then VALUE, COUNT and the first keys of each value.
 *
 * @param report - the report.
 * @param maxKeys - keys shown per value before `… N more`.
 * @returns the lines.
 */
export function formatIndexTable(report: IndexReport, maxKeys: number): string[] {
  const rows = report.entries.map(
    (entry) => [entry.value, String(entry.count), listKeys(entry.keys, maxKeys)] as const,
  );
  if (report.unindexed.length > 0)
    rows.push(['<none>', String(report.unindexed.length), listKeys(report.unindexed, maxKeys)]);
  const valueWidth = Math.max(5, ...rows.map(([value]) => value.length));
  const countWidth = Math.max(5, ...rows.map(([, count]) => count.length));
  const line = (value: string, count: string, keys: string): string =>
    `${value.padEnd(valueWidth)}  ${count.padStart(countWidth)}  ${keys}`.trimEnd();
  return [
    `${report.resource} by ${report.indexBy}: ${report.objects} objects, ${report.entries.length} values (resourceVersion ${report.resourceVersion})`,
    line('VALUE', 'COUNT', 'KEYS'),
    ...rows.map(([value, count, keys]) => line(value, count, keys)),
  ];
}

/**
 * Renders the report as one line of JSON.
 *
 * @param report - the report.
 * @returns the JSON text, without a newline.
 */
export function formatIndexJson(report: IndexReport): string {
  return JSON.stringify(report);
}

function listKeys(keys: readonly string[], maxKeys: number): string {
  const shown = keys.slice(0, maxKeys).join(', ');
  const more = keys.length - Math.min(keys.length, maxKeys);
  if (more === 0) return shown;
  return shown === '' ? `… ${more} keys` : `${shown}, … ${more} more`;
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
