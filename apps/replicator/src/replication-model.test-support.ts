// The e2e test's own model of what the cluster should hold: written from the annotations' meaning,
// sharing no code with the replicator, so that a bug there cannot hide in the expectation.

/** A source as the test created it. */
export interface ModelSource {
  kind: 'ConfigMap' | 'Secret';
  namespace: string;
  name: string;
  data: Record<string, string>;
  /** `replicate-to` value, if annotated so. */
  to?: string | undefined;
  /** `replicate-to-selector` value (`key=value` only), if annotated so. */
  selector?: string | undefined;
}

/** The namespaces the API server always has. */
export const systemNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * The copies the cluster should hold: `Kind namespace/name` -> `source namespace/name` and data.
 *
 * @param sources - every source that exists now.
 * @param namespaces - every namespace and its labels.
 * @param foreign - `Kind namespace/name` of objects the replicator did not make.
 */
export function expectedCopies(
  sources: Iterable<ModelSource>,
  namespaces: ReadonlyMap<string, Readonly<Record<string, string>>>,
  foreign: ReadonlySet<string>,
): Map<string, string> {
  const expected = new Map<string, string>();
  for (const source of sources) {
    const listed = (source.to ?? '').split(',').map((entry) => entry.trim());
    const [selectorKey, selectorValue] = (source.selector ?? '').split('=');
    for (const [namespace, labels] of namespaces) {
      if (namespace === source.namespace) continue;
      const wanted =
        listed.includes('*') ||
        listed.includes(namespace) ||
        (source.selector !== undefined &&
          selectorKey !== undefined &&
          labels[selectorKey] === selectorValue);
      const key = `${source.kind} ${namespace}/${source.name}`;
      if (wanted && !foreign.has(key)) {
        expected.set(key, `${source.namespace}/${source.name} ${canonical(source.data)}`);
      }
    }
  }
  return expected;
}

/** Data as a string that does not depend on key order. */
export function canonical(data: Readonly<Record<string, string>> | undefined): string {
  return JSON.stringify(
    Object.entries(data ?? {}).sort(([left], [right]) => (left < right ? -1 : 1)),
  );
}
