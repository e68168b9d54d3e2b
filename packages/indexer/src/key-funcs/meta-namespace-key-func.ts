import { ExplicitKey } from './explicit-key';
import { KeyError } from '../errors';
import { metadataProblem } from '../errors/metadata-problem';

/**
 * The default key func: `namespace/name`, or just `name` for a cluster-scoped object (empty
 * namespace). An {@link ExplicitKey} passes through. Accepts any value and checks it at run time;
 * an absent name or namespace reads as `""`, as in client-go.
 *
 * @param object - a Kubernetes object (anything with `metadata`), or an `ExplicitKey`.
 * @returns the key.
 * @throws KeyError when `object` has no usable metadata (the cause is a `MissingMetadataError`).
 * @example
 * ```ts
 * metaNamespaceKeyFunc({ metadata: { namespace: 'default', name: 'web' } }); // 'default/web'
 * metaNamespaceKeyFunc({ metadata: { name: 'node-1' } }); // 'node-1'
 * ```
 * @since 0.1.0
 */
export function metaNamespaceKeyFunc(object: unknown): string {
  if (typeof object === 'object' && object !== null) {
    const metadata: unknown = (object as { metadata?: unknown }).metadata;
    // Inline checks, no intermediate object: this runs on every write of an informer.
    if (typeof metadata === 'object' && metadata !== null) {
      const { namespace, name } = metadata as { namespace?: unknown; name?: unknown };
      if (typeof name === 'string' || name === undefined) {
        if (namespace === undefined || namespace === '') return name ?? '';
        if (typeof namespace === 'string') return `${namespace}/${name ?? ''}`;
      }
    }
    if (ExplicitKey.isInstance(object)) return object.key;
  }
  throw new KeyError(object, { cause: metadataProblem(object) });
}
