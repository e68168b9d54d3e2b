import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { ResourceEventHandler } from './resource-event-handler';

/**
 * Wraps a handler so that it only sees objects that pass `filter`, as client-go's
 * `FilteringResourceEventHandler`: an update whose new object passes but old one did not reaches
 * the handler as `onAdd(newObj, false)`; one whose old object passed but new one does not, as
 * `onDelete(oldObj)`. The filter sees a tombstone's last known object; a tombstone without one is
 * passed on.
 *
 * @param filter - whether the handler cares about an object.
 * @param handler - the handler to call.
 * @returns the filtering handler.
 * @example
 * ```ts
 * informer.addEventHandler(
 *   filteringHandler((pod) => pod.spec?.nodeName === 'node-1', { onAdd: (pod) => schedule(pod) }),
 * );
 * ```
 * @since 0.1.0
 */
export function filteringHandler<T>(
  filter: (obj: T) => boolean,
  handler: ResourceEventHandler<T>,
): ResourceEventHandler<T> {
  return {
    onAdd(obj, isInInitialList) {
      if (!filter(obj)) return undefined;
      return handler.onAdd?.(obj, isInInitialList);
    },
    onUpdate(oldObj, newObj) {
      const newer = filter(newObj);
      const older = filter(oldObj);
      if (newer && older) return handler.onUpdate?.(oldObj, newObj);
      if (newer) return handler.onAdd?.(newObj, false);
      if (older) return handler.onDelete?.(oldObj);
      return undefined;
    },
    onDelete(obj) {
      const last = DeletedFinalStateUnknown.isInstance<T>(obj) ? obj.object : obj;
      if (last !== undefined && last !== null && !filter(last)) return undefined;
      return handler.onDelete?.(obj);
    },
  };
}
