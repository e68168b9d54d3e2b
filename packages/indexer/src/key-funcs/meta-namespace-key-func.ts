import { ExplicitKey } from './explicit-key';
import { KeyError } from '../errors';
import { metadataProblem } from '../errors/metadata-problem';

/**
 * The default key func: `namespace/name`, or just `name` for a cluster-scoped object (empty
 * namespace). An {@link ExplicitKey} passes through. Accepts any value and checks it at run time;
 * an absent name or namespace reads as `""`, as in client-go.
 *
 * @param obj - a Kubernetes object (anything with `metadata`), or an `ExplicitKey`.
 * @returns the key.
 * @throws KeyError when `obj` has no usable metadata (the cause is a `MissingMetadataError`).
 * @example
 * ```ts
 * metaNamespaceKeyFunc({ metadata: { namespace: 'default', name: 'web' } }); // 'default/web'
 * metaNamespaceKeyFunc({ metadata: { name: 'node-1' } }); // 'node-1'
 * ```
 * @since 0.1.0
 */
export function metaNamespaceKeyFunc(obj: unknown): string {
  if (typeof obj === 'object' && obj !== null) {
    const metadata: unknown = (obj as { metadata?: unknown }).metadata;
    // Inline checks, no intermediate object: this runs on every write of an informer.
    if (typeof metadata === 'object' && metadata !== null) {
      const { namespace, name } = metadata as { namespace?: unknown; name?: unknown };
      if (typeof name === 'string' || name === undefined) {
        if (namespace === undefined || namespace === '') return name ?? '';
        if (typeof namespace === 'string') return `${namespace}/${name ?? ''}`;
      }
    }
    if (ExplicitKey.isInstance(obj)) return obj.key;
  }
  throw new KeyError(obj, { cause: metadataProblem(obj) });
}
