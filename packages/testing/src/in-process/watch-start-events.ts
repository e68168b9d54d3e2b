import { ApiStatusError } from '@kube-cache/indexer';
import type { KubeObject, WatchEvent } from '@kube-cache/indexer';
import { statusErrors } from '../cluster/api-status';
import type { RequestListOptions } from '../cluster/list-options';
import type { ObjectFilter } from '../cluster/object-filter';
import type { ObjectStore } from '../cluster/object-store';
import type { ResourceStore } from '../cluster/resource-store';
import {
  expiredWatchStatus,
  initialBodies,
  replayedChanges,
  watchStart,
} from '../cluster/watch-events';
import { bookmarkObject } from './bookmark-object';
import type { TypeMeta } from './bookmark-object';
import { parseObject } from './stored-objects';

/**
 * The events a new in-process watch sends before the live ones: from a resourceVersion, the
 * retained changes after it; from `""`/`"0"`, the current state as `ADDED`; streaming
 * (`sendInitialEvents`), the current state then a bookmark annotated
 * `k8s.io/initial-events-end`.
 *
 * @param cluster - the cluster core.
 * @param store - the watched resource.
 * @param request - the watch's checked options.
 * @param filter - the watch's selectors.
 * @param typeMeta - the apiVersion and kind for the bookmark.
 * @returns the events, oldest first.
 * @throws ApiStatusError 410 `Expired` for a compacted resourceVersion, 504 for one not reached
 *   yet (the in-process fake answers at once where the real server would wait, then time out).
 */
export function watchStartEvents<T extends KubeObject>(
  cluster: ObjectStore,
  store: ResourceStore,
  request: RequestListOptions,
  filter: ObjectFilter,
  typeMeta: TypeMeta,
): WatchEvent<T>[] {
  const current = cluster.resourceVersion;
  const start = watchStart(cluster, request);
  if (start.type === 'from' && start.resourceVersion > current) {
    throw statusErrors.tooLargeResourceVersion(start.resourceVersion, current);
  }
  const expired = expiredWatchStatus(cluster, start);
  if (expired !== undefined) throw ApiStatusError.fromStatus(expired);
  if (start.type === 'from') {
    return [...replayedChanges(cluster, store, filter, start.resourceVersion)].map((seen) => ({
      type: seen.type,
      object: parseObject<T>(seen.body),
    }));
  }
  const events: WatchEvent<T>[] = [];
  for (const body of initialBodies(store, filter, current)) {
    events.push({ type: 'ADDED', object: parseObject<T>(body) });
  }
  if (start.type === 'streaming') {
    events.push({ type: 'BOOKMARK', object: bookmarkObject(typeMeta, current, true) });
  }
  return events;
}
