import type { ListerWatcher, ListOptions, ListResult } from '@kube-cache/indexer';
import { isExpiredError } from '../errors/api-error-predicates';

/**
 * The outcome of {@link listAllPages}.
 *
 * @since 0.1.0
 */
export interface PagedListResult<T> {
  items: T[];
  /** The resourceVersion of the list (the first page's; every page shares one snapshot). */
  resourceVersion: string;
  /** Number of pages fetched (1 for an unpaged list). */
  pages: number;
  /** Whether the server split the list into more than one page. */
  paginated: boolean;
}

/**
 * Lists every page of a resource, as client-go's pager with `FullListIfExpired`: pages after the
 * first carry only `continue` (no resourceVersion); when a continue token has expired, one full
 * list without a limit is made at the originally requested resourceVersion instead.
 *
 * @param listerWatcher - the source (only its `list` is used).
 * @param options - the first page's options; `limit` 0 or absent lists in one go.
 * @param signal - aborts the requests.
 * @param onPage - called after each page with its size and the running total.
 * @returns all items and the list's resourceVersion.
 * @throws whatever the lister throws (for example an `ApiStatusError`), except an expired
 *   continue token, which falls back to a full list.
 * @since 0.1.0
 */
export async function listAllPages<T>(
  listerWatcher: Pick<ListerWatcher<T>, 'list'>,
  options: ListOptions,
  signal: AbortSignal,
  onPage: (page: ListResult<T>, totalSoFar: number) => void = () => undefined,
): Promise<PagedListResult<T>> {
  const first = await listerWatcher.list(options, signal);
  onPage(first, first.items.length);
  if (first.continue === undefined || first.continue === '') {
    return {
      items: first.items,
      resourceVersion: first.resourceVersion,
      pages: 1,
      paginated: false,
    };
  }
  const items = [...first.items];
  let token: string | undefined = first.continue;
  let pages = 1;
  while (token !== undefined && token !== '') {
    const { resourceVersion: _resourceVersion, resourceVersionMatch: _match, ...rest } = options;
    let page: ListResult<T>;
    try {
      page = await listerWatcher.list({ ...rest, continue: token }, signal);
    } catch (error) {
      if (!isExpiredError(error)) throw error;
      // The continue token outlived etcd's compaction: one full list at the original version.
      const { limit: _limit, continue: _continue, ...unlimited } = options;
      const full = await listerWatcher.list(unlimited, signal);
      onPage(full, full.items.length);
      return {
        items: full.items,
        resourceVersion: full.resourceVersion,
        pages: pages + 1,
        paginated: true,
      };
    }
    pages += 1;
    for (const item of page.items) items.push(item);
    onPage(page, items.length);
    token = page.continue;
  }
  return { items, resourceVersion: first.resourceVersion, pages, paginated: true };
}
