import type { KubeObject, ListOptions, ListResult } from '@kube-cache/indexer';
import { decodeContinueToken, encodeContinueToken } from './fake-continue-token';
import type { ObjectFilter } from './object-filter';
import {
  invalidOptionsError,
  parseResourceVersion,
  tooLargeError,
  tooOldError,
} from './resource-version-checks';
import { statusError } from '../cluster/status-body';
import type { VersionedObjectStore } from './versioned-object-store';

const expiredContinueMessage =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list ' +
  'without the continue parameter, or use the continue value from the response to get a new list.';

interface Snapshot<T> {
  resourceVersion: number;
  objects: ReadonlyMap<string, T>;
  afterKey: string | undefined;
}

/** Picks the state a list reads, following the API server's resourceVersion rules. */
function chooseSnapshot<T>(store: VersionedObjectStore<T>, options: ListOptions): Snapshot<T> {
  const resourceVersion = options.resourceVersion ?? '';
  const match = options.resourceVersionMatch;
  const current = store.resourceVersion;
  if (options.continue !== undefined && options.continue !== '') {
    if (match !== undefined)
      throw invalidOptionsError(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden when continue is provided',
      );
    if (resourceVersion !== '' && resourceVersion !== '0') {
      throw statusError({
        status: 400,
        message: 'specifying resource version is not allowed when using continue',
      });
    }
    const position = decodeContinueToken(options.continue);
    if (position === undefined || position.resourceVersion > current) {
      throw statusError({
        status: 400,
        message: 'continue key is not valid: incorrect encoded start resourceVersion',
      });
    }
    if (!store.isRetained(position.resourceVersion))
      throw statusError({ status: 410, reason: 'Expired', message: expiredContinueMessage });
    return {
      resourceVersion: position.resourceVersion,
      objects: store.snapshotAt(position.resourceVersion),
      afterKey: position.lastKey,
    };
  }
  if (match !== undefined && resourceVersion === '') {
    throw invalidOptionsError(
      'resourceVersionMatch',
      'resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
  }
  if (match === 'Exact' && resourceVersion === '0') {
    throw invalidOptionsError(
      'resourceVersionMatch',
      'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    );
  }
  if (resourceVersion === '' || resourceVersion === '0')
    return { resourceVersion: current, objects: store.snapshotAt(current), afterKey: undefined };
  const requested = parseResourceVersion(resourceVersion);
  if (requested > current) throw tooLargeError(requested, current);
  // Without resourceVersionMatch, a paged list at a given resourceVersion is an exact read (legacy rule).
  const exact = match === 'Exact' || (match === undefined && (options.limit ?? 0) > 0);
  if (!exact)
    return { resourceVersion: current, objects: store.snapshotAt(current), afterKey: undefined };
  if (!store.isRetained(requested)) throw tooOldError(requested, store.compactedThrough);
  return { resourceVersion: requested, objects: store.snapshotAt(requested), afterKey: undefined };
}

/**
 * Answers one list request against a versioned store: resourceVersion / resourceVersionMatch
 * semantics, selectors, and `limit` / `continue` paging over a consistent snapshot (every page reads
 * the state at the first page's resourceVersion).
 *
 * @param store - the store.
 * @param options - the request's options.
 * @param filter - the compiled selectors, and whether any was given.
 * @param copy - makes the copy of an object handed out.
 * @returns the page.
 * @throws `ApiStatusError` as the API server answers: 400, 410 `Expired`, 422 `Invalid`, 504.
 * @since 0.1.0
 */
export function listPage<T extends KubeObject>(
  store: VersionedObjectStore<T>,
  options: ListOptions,
  filter: { filter: ObjectFilter<T>; selective: boolean },
  copy: (object: T) => T,
): ListResult<T> {
  const snapshot = chooseSnapshot(store, options);
  const keys = [...snapshot.objects.keys()].sort();
  const matching: T[] = [];
  const matchingKeys: string[] = [];
  for (const key of keys) {
    if (snapshot.afterKey !== undefined && key <= snapshot.afterKey) continue;
    const object = snapshot.objects.get(key);
    if (object === undefined || !filter.filter(object)) continue;
    matching.push(object);
    matchingKeys.push(key);
  }
  const limit = options.limit ?? 0;
  const result: ListResult<T> = { items: [], resourceVersion: String(snapshot.resourceVersion) };
  if (limit > 0 && matching.length > limit) {
    const lastKey = matchingKeys[limit - 1] ?? '';
    result.continue = encodeContinueToken({ resourceVersion: snapshot.resourceVersion, lastKey });
    // The server only counts the rest when no selector filters it.
    if (!filter.selective) result.remainingItemCount = matching.length - limit;
    matching.length = limit;
  }
  result.items = matching.map(copy);
  return result;
}
