// The watch rules both front ends follow: where a watch starts, which events a change makes
// through a watch's selectors, the initial state, and the 410 of a compacted start.
import type { Status } from '@kube-cache/indexer';
import { failureStatus, statusErrors } from './api-status';
import type { RequestListOptions } from './list-options';
import type { ObjectFilter } from './object-filter';
import type { ChangeEvent } from './change-event';
import type { ObjectStore } from './object-store';
import { revisionAt } from './resource-store';
import type { ResourceStore } from './resource-store';

/**
 * Where a watch starts: `initial` sends the state at the current RV as synthetic ADDED events
 * (RV unset or `0`), `streaming` does the same and ends it with the `k8s.io/initial-events-end`
 * bookmark (`sendInitialEvents=true`), `from` replays the history after an RV.
 */
export type WatchStart =
  | { readonly type: 'initial' }
  | { readonly type: 'streaming' }
  | { readonly type: 'from'; readonly resourceVersion: number };

/** One event a watch sends: its type and the object's JSON (list-item form). */
export interface SeenChange {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly body: string;
}

/**
 * Where a watch with validated options starts.
 *
 * @param objects - the cluster data.
 * @param options - the watch's options.
 * @returns the start.
 * @throws ApiStatusError 504 for a streaming watch from a resourceVersion not reached yet.
 */
export function watchStart(objects: ObjectStore, options: RequestListOptions): WatchStart {
  const requested = options.resourceVersion === undefined ? 0 : Number(options.resourceVersion);
  if (options.sendInitialEvents === true && requested > objects.resourceVersion) {
    throw statusErrors.tooLargeResourceVersion(requested, objects.resourceVersion);
  }
  if (options.sendInitialEvents === true) return { type: 'streaming' };
  if (options.resourceVersion === undefined || options.resourceVersion === '0') {
    return options.sendInitialEvents === false
      ? { type: 'from', resourceVersion: objects.resourceVersion }
      : { type: 'initial' };
  }
  return { type: 'from', resourceVersion: requested };
}

/**
 * The `Status` of the 410 a watch from a compacted resourceVersion gets, or `undefined` when the
 * start is still retained.
 *
 * @param objects - the cluster data.
 * @param start - where the watch starts.
 * @returns the `Expired` status, or `undefined`.
 */
export function expiredWatchStatus(objects: ObjectStore, start: WatchStart): Status | undefined {
  if (start.type !== 'from' || start.resourceVersion >= objects.compactedResourceVersion)
    return undefined;
  return failureStatus(
    410,
    'Expired',
    `too old resource version: ${start.resourceVersion} (${objects.compactedResourceVersion})`,
  );
}

function withResourceVersion(body: string, resourceVersion: number): string {
  const object = JSON.parse(body) as { metadata?: Record<string, unknown> };
  return JSON.stringify({
    ...object,
    metadata: { ...object.metadata, resourceVersion: String(resourceVersion) },
  });
}

/**
 * The event a watch sees for a change through its selectors, as the real server computes it:
 * an object entering the selection is ADDED, one leaving it is DELETED in its last matching
 * state at the change's resourceVersion, a change outside the selection is not sent.
 *
 * @param filter - the watch's namespace and selectors.
 * @param event - the change.
 * @returns the event, or `undefined` when the watch does not see the change.
 */
export function changeSeenThrough(
  filter: ObjectFilter,
  event: ChangeEvent,
): SeenChange | undefined {
  const matchesNow = filter.matches(event.entry, event.revision);
  const matchedBefore = event.previous !== undefined && filter.matches(event.entry, event.previous);
  if (event.type === 'ADDED')
    return matchesNow ? { type: 'ADDED', body: event.revision.body } : undefined;
  if (event.type === 'DELETED')
    return matchedBefore ? { type: 'DELETED', body: event.revision.body } : undefined;
  if (matchesNow && matchedBefore) return { type: 'MODIFIED', body: event.revision.body };
  if (matchesNow) return { type: 'ADDED', body: event.revision.body };
  if (matchedBefore && event.previous !== undefined)
    return {
      type: 'DELETED',
      body: withResourceVersion(event.previous.body, event.resourceVersion),
    };
  return undefined;
}

/**
 * The retained changes of one resource after a resourceVersion, as a watch sees them.
 *
 * @param objects - the cluster data.
 * @param store - the resource.
 * @param filter - the watch's namespace and selectors.
 * @param resourceVersion - the exclusive start.
 * @yields the events, oldest first.
 */
export function* replayedChanges(
  objects: ObjectStore,
  store: ResourceStore,
  filter: ObjectFilter,
  resourceVersion: number,
): Generator<SeenChange> {
  for (const event of objects.changesAfter(resourceVersion)) {
    if (event.store !== store) continue;
    const seen = changeSeenThrough(filter, event);
    if (seen !== undefined) yield seen;
  }
}

/**
 * The objects of one resource a watch starts with: the state at a resourceVersion, in key
 * order, through the watch's selectors.
 *
 * @param store - the resource.
 * @param filter - the watch's namespace and selectors.
 * @param resourceVersion - the state's resourceVersion.
 * @yields each object's JSON (list-item form).
 */
export function* initialBodies(
  store: ResourceStore,
  filter: ObjectFilter,
  resourceVersion: number,
): Generator<string> {
  for (const entry of store.scope(filter.namespace)) {
    const revision = revisionAt(entry, resourceVersion);
    if (revision !== undefined && filter.matches(entry, revision)) yield revision.body;
  }
}
