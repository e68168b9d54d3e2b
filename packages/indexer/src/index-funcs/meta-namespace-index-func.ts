import { metadataProblem } from '../errors/metadata-problem';

/**
 * The conventional name of the namespace index (client-go's `cache.NamespaceIndex`).
 *
 * @since 0.1.0
 */
export const NAMESPACE_INDEX = 'namespace' as const;

/**
 * Indexes an object by its namespace (`""` for a cluster-scoped object). Accepts any value and
 * checks it at run time.
 *
 * @param object - a Kubernetes object.
 * @returns `[namespace]`.
 * @throws MissingMetadataError when `object` has no usable metadata.
 * @example
 * ```ts
 * const cache = new Cache<Pod>(metaNamespaceKeyFunc, { [NAMESPACE_INDEX]: metaNamespaceIndexFunc });
 * cache.byIndex(NAMESPACE_INDEX, 'default');
 * ```
 * @since 0.1.0
 */
export function metaNamespaceIndexFunc(object: unknown): string[] {
  if (typeof object === 'object' && object !== null) {
    const metadata: unknown = (object as { metadata?: unknown }).metadata;
    if (typeof metadata === 'object' && metadata !== null) {
      const namespace: unknown = (metadata as { namespace?: unknown }).namespace;
      if (typeof namespace === 'string') return [namespace];
      if (namespace === undefined) return [''];
    }
  }
  throw metadataProblem(object);
}
