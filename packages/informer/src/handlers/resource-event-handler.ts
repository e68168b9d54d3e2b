import type { DeletedFinalStateUnknown } from '@kube-cache/indexer';

/**
 * Callbacks for the changes an informer observes, client-go's `ResourceEventHandler`. Each is
 * optional. A handler may be async: its calls are still made one at a time, in order, each
 * awaited before the next.
 *
 * - `onAdd(object, isInInitialList)`: a new object; `isInInitialList` is `true` for objects of the
 *   initial list (and for the synthetic adds a handler gets when it joins a running informer).
 * - `onUpdate(oldObject, newObject)`: a changed object, or a resync (then both carry the same
 *   resourceVersion).
 * - `onDelete(object)`: a deleted object; a {@link DeletedFinalStateUnknown} when the delete was
 *   only noticed on a relist (its `object` is the last state known, possibly stale).
 *
 * @example
 * ```ts
 * const handler: ResourceEventHandler<V1Pod> = {
 *   onAdd: (pod, isInInitialList) => console.log('add', pod.metadata?.name, isInInitialList),
 *   onUpdate: (oldPod, newPod) => console.log('update', newPod.metadata?.name),
 *   onDelete: (pod) =>
 *     console.log('delete', DeletedFinalStateUnknown.isInstance(pod) ? pod.key : pod.metadata?.name),
 * };
 * ```
 * @since 0.1.0
 */
export interface ResourceEventHandler<T> {
  onAdd?(object: T, isInInitialList: boolean): void | Promise<void>;
  onUpdate?(oldObject: T, newObject: T): void | Promise<void>;
  onDelete?(object: T | DeletedFinalStateUnknown<T>): void | Promise<void>;
}
