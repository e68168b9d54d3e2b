import { failureStatus, statusErrors } from './api-status';
import { ApiStatusError } from '@kube-cache/indexer';
import { decodeContinueToken, encodeContinueToken } from './continue-token';
import type { RequestListOptions } from './list-options';
import type { ObjectFilter } from './object-filter';
import type { ObjectStore } from './object-store';
import { lowerBound, revisionAt } from './resource-store';
import type { ResourceStore } from './resource-store';

/**
 * One page of a list, ready to send: the items' JSON (without apiVersion and kind, as the real
 * server sends list items) and the list metadata.
 */
export interface ListPage {
  readonly resourceVersion: number;
  readonly items: string[];
  readonly continue: string | undefined;
  readonly remainingItemCount: number | undefined;
}

/**
 * Which resourceVersion a list reads at, following the API concepts' "semantics for get and
 * list": unset is the most recent, `0` any (we serve the latest), NotOlderThan serves the
 * latest once it is at least as new, Exact (or, for legacy, a non-zero RV with a limit) reads
 * that exact snapshot.
 *
 * @param objects - the cluster data.
 * @param options - the parsed request options.
 * @returns the resourceVersion to read at.
 * @throws ApiStatusError 410 Expired for a compacted exact RV, 504 for a future one.
 */
export function listReadResourceVersion(objects: ObjectStore, options: RequestListOptions): number {
  const current = objects.resourceVersion;
  if (options.resourceVersion === undefined || options.resourceVersion === '0') return current;
  const requested = Number(options.resourceVersion);
  const exact =
    options.resourceVersionMatch === 'Exact' ||
    (options.resourceVersionMatch === undefined &&
      options.limit !== undefined &&
      options.limit > 0);
  if (requested > current) throw statusErrors.tooLargeResourceVersion(requested, current);
  if (!exact) return current;
  if (requested < objects.compactedResourceVersion) {
    throw statusErrors.expired('The resourceVersion for the provided list is too old.');
  }
  return requested;
}

/**
 * Lists one page of a resource at a consistent snapshot, honouring `limit` and `continue`.
 *
 * @param objects - the cluster data.
 * @param store - the resource.
 * @param filter - namespace and selectors.
 * @param options - the parsed request options.
 * @returns the page.
 * @throws ApiStatusError 400 (bad continue token), 410 (expired), 504 (future RV).
 */
export function listCollection(
  objects: ObjectStore,
  store: ResourceStore,
  filter: ObjectFilter,
  options: RequestListOptions,
): ListPage {
  let readAt: number;
  let startKey = '';
  if (options.continue !== undefined) {
    const position = decodeContinueToken(options.continue);
    if (
      position.resourceVersion !== -1 &&
      position.resourceVersion < objects.compactedResourceVersion
    ) {
      const inconsistent = encodeContinueToken({
        resourceVersion: -1,
        startKey: position.startKey,
      });
      const status = failureStatus(
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
      throw ApiStatusError.fromStatus({ ...status, metadata: { continue: inconsistent } });
    }
    readAt = position.resourceVersion === -1 ? objects.resourceVersion : position.resourceVersion;
    startKey = keyPrefix(filter) + position.startKey;
  } else {
    readAt = listReadResourceVersion(objects, options);
  }
  const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
  return filter.selective
    ? scanPage(store, filter, readAt, startKey, limit)
    : snapshotPage(store, filter.namespace, readAt, startKey, limit);
}

// As etcd keys under the listed prefix: a token's start key is relative to the namespace listed.
function keyPrefix(filter: { readonly namespace: string | undefined }): string {
  return filter.namespace === undefined ? '' : `${filter.namespace}/`;
}

function nextStartKey(namespace: string | undefined, lastKey: string): string {
  return `${lastKey.slice(keyPrefix({ namespace }).length)}\u0000`;
}

// Without selectors: a page of the cached snapshot, with an exact remainingItemCount.
function snapshotPage(
  store: ResourceStore,
  namespace: string | undefined,
  readAt: number,
  startKey: string,
  limit: number,
): ListPage {
  const snapshot = store.snapshot(readAt, namespace);
  const start = startKey === '' ? 0 : lowerBound(snapshot, startKey);
  const end = Math.min(snapshot.length, start + limit);
  const items: string[] = [];
  for (let index = start; index < end; index += 1) {
    const entry = snapshot[index];
    const revision = entry === undefined ? undefined : revisionAt(entry, readAt);
    if (revision !== undefined) items.push(revision.body);
  }
  const last = snapshot[end - 1];
  if (end >= snapshot.length || last === undefined)
    return { resourceVersion: readAt, items, continue: undefined, remainingItemCount: undefined };
  return {
    resourceVersion: readAt,
    items,
    continue: encodeContinueToken({
      resourceVersion: readAt,
      startKey: nextStartKey(namespace, last.key),
    }),
    remainingItemCount: snapshot.length - end,
  };
}

// With selectors: scan from the start key until one match past the limit; the real server
// leaves remainingItemCount unset then.
function scanPage(
  store: ResourceStore,
  filter: ObjectFilter,
  readAt: number,
  startKey: string,
  limit: number,
): ListPage {
  const { entries, start, end } = store.bounds(filter.namespace, startKey);
  const items: string[] = [];
  let lastKey = '';
  for (let index = start; index < end; index += 1) {
    const entry = entries[index];
    if (entry === undefined) continue;
    const revision = revisionAt(entry, readAt);
    if (revision === undefined || !filter.matches(entry, revision)) continue;
    if (items.length >= limit) {
      return {
        resourceVersion: readAt,
        items,
        continue: encodeContinueToken({
          resourceVersion: readAt,
          startKey: nextStartKey(filter.namespace, lastKey),
        }),
        remainingItemCount: undefined,
      };
    }
    items.push(revision.body);
    lastKey = entry.key;
  }
  return { resourceVersion: readAt, items, continue: undefined, remainingItemCount: undefined };
}
