import type { KubeObject, ListOptions, WatchEvent } from '@kube-cache/indexer';
import type { ObjectFilter } from './object-filter';
import {
  invalidOptionsError,
  parseResourceVersion,
  tooLargeError,
  tooOldError,
} from './resource-version-checks';
import type { HistoryEntry, VersionedObjectStore } from './versioned-object-store';

/**
 * The `apiVersion` and `kind` put on bookmark objects.
 *
 * @since 0.1.0
 */
export interface TypeMeta {
  apiVersion?: string | undefined;
  kind?: string | undefined;
}

/**
 * Builds a bookmark object: type meta and `metadata.resourceVersion` only.
 *
 * @param typeMeta - the resource's apiVersion and kind, when known.
 * @param resourceVersion - the bookmark's resourceVersion.
 * @param initialEventsEnd - whether to annotate it `k8s.io/initial-events-end: "true"`.
 * @returns the bookmark object.
 * @since 0.1.0
 */
export function bookmarkObject(
  typeMeta: TypeMeta,
  resourceVersion: number,
  initialEventsEnd = false,
): KubeObject {
  const object: KubeObject = { metadata: { resourceVersion: String(resourceVersion) } };
  if (typeMeta.apiVersion !== undefined) object.apiVersion = typeMeta.apiVersion;
  if (typeMeta.kind !== undefined) object.kind = typeMeta.kind;
  if (initialEventsEnd && object.metadata !== undefined) {
    object.metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  }
  return object;
}

/**
 * The event a watch with selectors sees for a change, as the API server computes it: an object
 * that starts matching is `ADDED`, one that stops matching is `DELETED` in its previous (still
 * matching) state at the change's resourceVersion, a change outside the selection is not sent.
 *
 * @param entry - the recorded change.
 * @param filter - the watch's selectors.
 * @param copy - makes the copy handed out.
 * @returns the event, or `undefined` when the watch does not see the change.
 * @since 0.1.0
 */
export function eventForChange<T extends KubeObject>(
  entry: HistoryEntry<T>,
  filter: ObjectFilter<T>,
  copy: (object: T) => T,
): WatchEvent<T> | undefined {
  if (entry.type !== 'MODIFIED') {
    return filter(entry.object) ? { type: entry.type, object: copy(entry.object) } : undefined;
  }
  const before = entry.previous !== undefined && filter(entry.previous);
  const after = filter(entry.object);
  if (before && after) return { type: 'MODIFIED', object: copy(entry.object) };
  if (after) return { type: 'ADDED', object: copy(entry.object) };
  if (before && entry.previous !== undefined) {
    // What the watcher last saw matched the selector; the new state would not.
    const object = copy(entry.previous);
    object.metadata = { ...object.metadata, resourceVersion: String(entry.resourceVersion) };
    return { type: 'DELETED', object };
  }
  return undefined;
}

function validateWatchOptions(options: ListOptions): void {
  const match = options.resourceVersionMatch;
  if (options.sendInitialEvents === undefined) {
    if (match !== undefined) {
      throw invalidOptionsError(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
      );
    }
    return;
  }
  if (match !== 'NotOlderThan') {
    throw invalidOptionsError(
      'resourceVersionMatch',
      'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
  }
  if (options.sendInitialEvents && options.allowWatchBookmarks !== true) {
    throw invalidOptionsError(
      'allowWatchBookmarks',
      'sendInitialEvents requires setting allowWatchBookmarks to true',
    );
  }
}

function initialEvents<T extends KubeObject>(
  store: VersionedObjectStore<T>,
  filter: ObjectFilter<T>,
  copy: (object: T) => T,
): WatchEvent<T>[] {
  const objects = store.snapshotAt(store.resourceVersion);
  const events: WatchEvent<T>[] = [];
  for (const key of [...objects.keys()].sort()) {
    const object = objects.get(key);
    if (object !== undefined && filter(object))
      events.push({ type: 'ADDED', object: copy(object) });
  }
  return events;
}

/**
 * The events a new watch starts with, following the API server's rules: with `sendInitialEvents`,
 * the current state as `ADDED` events then a bookmark annotated `k8s.io/initial-events-end`; with
 * resourceVersion `""` or `"0"`, the current state as `ADDED` events; with a resourceVersion, a
 * replay of the changes after it.
 *
 * @param store - the store.
 * @param options - the watch's options.
 * @param filter - the watch's selectors.
 * @param copy - makes the copy handed out.
 * @param typeMeta - the apiVersion and kind of bookmarks.
 * @returns the events to deliver before the live ones.
 * @throws `ApiStatusError` 400 (bad resourceVersion), 410 `Expired` (compacted), 422 `Invalid`
 *   (option combination), 504 (resourceVersion not reached yet).
 * @since 0.1.0
 */
export function startEvents<T extends KubeObject>(
  store: VersionedObjectStore<T>,
  options: ListOptions,
  filter: ObjectFilter<T>,
  copy: (object: T) => T,
  typeMeta: TypeMeta,
): WatchEvent<T>[] {
  validateWatchOptions(options);
  const resourceVersion = options.resourceVersion ?? '';
  const current = store.resourceVersion;
  const requested =
    resourceVersion === '' || resourceVersion === '0'
      ? undefined
      : parseResourceVersion(resourceVersion);
  if (requested !== undefined && requested > current) throw tooLargeError(requested, current);
  if (options.sendInitialEvents === true) {
    const events = initialEvents(store, filter, copy);
    events.push({ type: 'BOOKMARK', object: bookmarkObject(typeMeta, current, true) });
    return events;
  }
  if (requested === undefined) {
    return options.sendInitialEvents === false ? [] : initialEvents(store, filter, copy);
  }
  if (!store.isRetained(requested)) throw tooOldError(requested, store.compactedThrough);
  const events: WatchEvent<T>[] = [];
  for (const entry of store.changesAfter(requested)) {
    const event = eventForChange(entry, filter, copy);
    if (event !== undefined) events.push(event);
  }
  return events;
}
