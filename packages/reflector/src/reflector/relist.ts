import { listAllPages } from '../list-watch/list-pager';
import type { PagedListResult } from '../list-watch/list-pager';
import { timedList } from '../list-watch/timed-list';
import {
  classifyListWatchError,
  isResourceVersionUnavailable,
  relistReasonFor,
} from './list-watch-error-policy';
import type { ReflectorEvents } from './reflector-events';
import type { ReflectorSettings } from './reflector-settings';
import type { RelistReason } from './relist-reason';
import type { ResourceVersionTracker } from './resource-version-tracker';

/** The parts of its reflector a relist works with. */
export interface RelistParts<T> {
  settings: ReflectorSettings<T>;
  events: ReflectorEvents;
  resourceVersions: ResourceVersionTracker;
  report: (error: unknown) => void;
  /** The guarded transform, applied to every listed object. */
  transform: (object: T) => T;
}

/** What a relist read: the transformed objects and the list's resourceVersion. */
export interface RelistResult<T> {
  items: T[];
  resourceVersion: string;
}

/**
 * One full (paged) list, as client-go's reflector lists: at the tracker's relist resourceVersion,
 * each request cut at the inactivity limit; an expired or too-large version is reported and read
 * once more from "" (a consistent read). Emits `relisting`, `list-page` and `listed`.
 *
 * @param parts - the reflector's settings, events, resourceVersions, reporter and transform.
 * @param signal - aborts the requests.
 * @param reason - why this list happens (the `relisting` event's reason).
 * @returns the transformed objects and the resourceVersion, for the store's `replace`.
 * @throws what the list throws (other than the one retried expiry), or a `ReflectorCallbackError`
 *   when the transform throws (the list is refused whole).
 */
export async function relist<T>(
  parts: RelistParts<T>,
  signal: AbortSignal,
  reason: RelistReason,
): Promise<RelistResult<T>> {
  const { settings, events, resourceVersions } = parts;
  events.emit({ type: 'relisting', reason });
  const { listerWatcher, clock, watchInactivityTimeoutMilliseconds } = settings;
  const list = timedList(listerWatcher, clock, watchInactivityTimeoutMilliseconds);
  let resourceVersion = resourceVersions.relistResourceVersion();
  let result: PagedListResult<T>;
  for (;;) {
    const options = resourceVersions.listOptions(resourceVersion);
    try {
      result = await listAllPages({ list }, options, signal, (page, totalSoFar) => {
        events.emit({
          type: 'list-page',
          items: page.items.length,
          totalSoFar,
          remainingItemCount: page.remainingItemCount,
        });
      });
      break;
    } catch (error) {
      const kind = classifyListWatchError(error);
      if (signal.aborted || resourceVersion === '' || !isResourceVersionUnavailable(kind)) {
        throw error;
      }
      // The version we asked for is gone (or not yet there): one consistent read from etcd.
      parts.report(error);
      resourceVersions.markUnavailable();
      events.emit({ type: 'relisting', reason: relistReasonFor(kind) });
      resourceVersion = '';
    }
  }
  resourceVersions.listSucceeded(resourceVersion === '0' && result.paginated);
  const items = result.items.map(parts.transform);
  events.emit({
    type: 'listed',
    items: items.length,
    resourceVersion: result.resourceVersion,
    pages: result.pages,
  });
  return { items, resourceVersion: result.resourceVersion };
}
