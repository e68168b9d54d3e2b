import type { KubeObject } from '@kube-cache/indexer';
import type { IndexFunc } from '@kube-cache/store-core';

const allNamespaces = '__all_namespaces';

/**
 * The index name of a field index (`field:<name>`), as controller-runtime names it.
 *
 * @param field - the field's name, for example `spec.nodeName`.
 * @returns the index name.
 * @since 0.1.0
 */
export function fieldIndexName(field: string): string {
  return `field:${field}`;
}

/**
 * The value under which a field index files `value` for `namespace` (`""` or absent: across all
 * namespaces), as controller-runtime's `KeyToNamespacedKey`.
 *
 * @param namespace - the namespace, or `""` for all.
 * @param value - the extracted field value.
 * @returns the indexed value.
 * @since 0.1.0
 */
export function fieldIndexValue(namespace: string | undefined, value: string): string {
  return namespace === undefined || namespace === ''
    ? `${allNamespaces}/${value}`
    : `${namespace}/${value}`;
}

/**
 * What a field extractor returns: one value, several, or none.
 *
 * @since 0.1.0
 */
export type FieldExtractor<T> = (object: T) => string | readonly string[] | undefined;

/**
 * Builds the index function of a field index (controller-runtime's `IndexField`): every
 * extracted value is filed under `<namespace>/<value>` and, for namespaced objects, also under
 * `__all_namespaces/<value>`, so that one index answers both per-namespace and cluster-wide
 * queries (see `Lister.listByField`).
 *
 * @param extract - the field's values for an object.
 * @returns the index function.
 * @example
 * ```ts
 * informer.addIndexers({ [fieldIndexName('spec.nodeName')]: fieldIndexFunc((pod) => pod.spec?.nodeName) });
 * ```
 * @since 0.1.0
 */
export function fieldIndexFunc<T extends KubeObject>(extract: FieldExtractor<T>): IndexFunc<T> {
  return (object) => {
    const extracted = extract(object);
    if (extracted === undefined) return [];
    const values: readonly string[] = typeof extracted === 'string' ? [extracted] : extracted;
    const namespace = object.metadata?.namespace ?? '';
    const indexed = values.map((value) => fieldIndexValue(namespace, value));
    if (namespace !== '') for (const value of values) indexed.push(fieldIndexValue('', value));
    return indexed;
  };
}
