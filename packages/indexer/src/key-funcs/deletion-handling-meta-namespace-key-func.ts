import { DeletedFinalStateUnknown } from '../cache/deleted-final-state-unknown';
import { metaNamespaceKeyFunc } from './meta-namespace-key-func';

/**
 * {@link metaNamespaceKeyFunc} that also accepts a {@link DeletedFinalStateUnknown} tombstone and
 * returns its `key` (client-go's `DeletionHandlingMetaNamespaceKeyFunc`).
 *
 * @param object - a Kubernetes object, an `ExplicitKey` or a tombstone.
 * @returns the key.
 * @throws KeyError when `object` is none of these.
 * @example
 * ```ts
 * deletionHandlingMetaNamespaceKeyFunc(new DeletedFinalStateUnknown('default/web', lastPod)); // 'default/web'
 * ```
 * @since 0.1.0
 */
export function deletionHandlingMetaNamespaceKeyFunc(object: unknown): string {
  if (DeletedFinalStateUnknown.isInstance(object)) return object.key;
  return metaNamespaceKeyFunc(object);
}
