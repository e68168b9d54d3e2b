import { failureStatus, statusErrors } from './api-status';
import { ApiStatusError } from '@kube-cache/indexer';
import { decodeContinueToken, encodeContinueToken } from './continue-token';
import type { RequestListOptions } from './list-options';
import type { ObjectFilter } from './object-filter';
import type { ObjectStore } from './object-store';
import { apiVersionOf } from './resource-definition';
import { revisionAt } from './resource-store';
import type { ResourceStore } from './resource-store';

/**
 * One page of a list, ready to send: the items' JSON (without apiVersion and kind, as the real
 * server sends list items) and the list metadata.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 */
export function listReadResourceVersion(objects: ObjectStore, options: RequestListOptions): number {
  const current = objects.resourceVersion;
  if (options.resourceVersion === undefined || options.resourceVersion === '0') return current;
  const requested = Number(options.resourceVersion);
  const exact =
    options.resourceVersionMatch === 'Exact' ||
    (options.resourceVersionMatch === undefined && options.limit !== undefined && options.limit > 0);
  if (requested > current) throw statusErrors.tooLargeResourceVersion(requested, current);
  if (!exact) return current;
  if (requested < objects.compactedResourceVersion) {
    throw statusErrors.expired(`too old resource version: ${requested} (${objects.compactedResourceVersion})`);
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
 * @since 0.1.0
 */
export function listCollection(objects: ObjectStore, store: ResourceStore, filter: ObjectFilter, options: RequestListOptions): ListPage {
  let readAt: number;
  let startKey = '';
  if (options.continue !== undefined) {
    const position = decodeContinueToken(options.continue);
    if (position.resourceVersion !== -1 && position.resourceVersion < objects.compactedResourceVersion) {
      const inconsistent = encodeContinueToken({ resourceVersion: -1, startKey: position.startKey });
      const status = failureStatus(
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
      throw ApiStatusError.fromStatus({ ...status, metadata: { continue: inconsistent } });
    }
    readAt = position.resourceVersion === -1 ? objects.resourceVersion : position.resourceVersion;
    startKey = position.startKey;
  } else {
    readAt = listReadResourceVersion(objects, options);
  }
  const entries = store.scope(filter.namespace, startKey);
  const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
  const items: string[] = [];
  let lastKey = '';
  let index = 0;
  for (; index < entries.length; index += 1) {
    const entry = entries[index];
    if (entry === undefined) continue;
    const revision = revisionAt(entry, readAt);
    if (revision === undefined || !filter.matches(entry, revision)) continue;
    if (items.length >= limit) break;
    items.push(revision.body);
    lastKey = entry.key;
  }
  if (index >= entries.length) return { resourceVersion: readAt, items, continue: undefined, remainingItemCount: undefined };
  let remaining: number | undefined;
  if (!filter.selective) {
    remaining = 0;
    for (; index < entries.length; index += 1) {
      const entry = entries[index];
      if (entry !== undefined && revisionAt(entry, readAt) !== undefined) remaining += 1;
    }
  }
  return {
    resourceVersion: readAt,
    items,
    continue: encodeContinueToken({ resourceVersion: readAt, startKey: `${lastKey}\u0000` }),
    remainingItemCount: remaining,
  };
}

/**
 * Serialises a list page as the real server does (`PodList` with metadata, then items).
 *
 * @param store - the resource.
 * @param page - the page.
 * @returns the JSON text.
 * @since 0.1.0
 */
export function serializeListPage(store: ResourceStore, page: ListPage): string {
  const definition = store.definition;
  const metadata: Record<string, unknown> = { resourceVersion: String(page.resourceVersion) };
  if (page.continue !== undefined) metadata['continue'] = page.continue;
  if (page.remainingItemCount !== undefined) metadata['remainingItemCount'] = page.remainingItemCount;
  const head = JSON.stringify({ kind: definition.listKind ?? `${definition.kind}List`, apiVersion: apiVersionOf(definition), metadata });
  return `${head.slice(0, -1)},"items":[${page.items.join(',')}]}`;
}
