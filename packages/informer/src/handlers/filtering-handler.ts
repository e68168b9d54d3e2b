import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { ResourceEventHandler } from './resource-event-handler';

/**
 * Wraps a handler so that it only sees objects that pass `filter`, as client-go's
 * `FilteringResourceEventHandler`: an update whose new object passes but old one did not reaches
 * the handler as `onAdd(newObject, false)`; one whose old object passed but new one does not,
 * as `onDelete(oldObject)`. The filter sees a tombstone's last known object; a tombstone without
 * one is passed on.
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
  filter: (object: T) => boolean,
  handler: ResourceEventHandler<T>,
): ResourceEventHandler<T> {
  return {
    onAdd(object, isInInitialList) {
      if (!filter(object)) return undefined;
      return handler.onAdd?.(object, isInInitialList);
    },
    onUpdate(oldObject, newObject) {
      const newer = filter(newObject);
      const older = filter(oldObject);
      if (newer && older) return handler.onUpdate?.(oldObject, newObject);
      if (newer) return handler.onAdd?.(newObject, false);
      if (older) return handler.onDelete?.(oldObject);
      return undefined;
    },
    onDelete(object) {
      const last = DeletedFinalStateUnknown.isInstance<T>(object) ? object.object : object;
      if (last !== undefined && last !== null && !filter(last)) return undefined;
      return handler.onDelete?.(object);
    },
  };
}
