import type { ListOptions } from '@kube-cache/indexer';
import { defaultPageSize } from './reflector-settings';

/**
 * The reflector's resourceVersion bookkeeping, as client-go's: the last synced resourceVersion,
 * whether it is known to be unavailable (expired or too large), whether the server paged an
 * answer to resourceVersion "0", and from these the version and paging of the next list.
 */
export class ResourceVersionTracker {
  readonly #explicitPageSize: number | undefined;
  #lastSynced = '';
  #unavailable = false;
  #paginatedResult = false;

  /** @param explicitPageSize - the `pageSize` option, when the user set one. */
  constructor(explicitPageSize: number | undefined) {
    this.#explicitPageSize = explicitPageSize;
  }

  /** The resourceVersion of the last list, watch event or bookmark applied ("" before the first). */
  get lastSynced(): string {
    return this.#lastSynced;
  }

  /** @param resourceVersion - the version of an applied list, watch event or bookmark. */
  record(resourceVersion: string): void {
    this.#lastSynced = resourceVersion;
  }

  /** The last version is gone (410) or not there yet: the next list asks for "". */
  markUnavailable(): void {
    this.#unavailable = true;
  }

  /**
   * A list or watch-list came back: the version it asked for was available.
   *
   * @param paginatedFromZero - a list from resourceVersion "0" that the server answered in pages
   *   (its watch cache is off): every later list is paged too.
   */
  listSucceeded(paginatedFromZero: boolean): void {
    if (paginatedFromZero) this.#paginatedResult = true;
    this.#unavailable = false;
  }

  /**
   * client-go's `relistResourceVersion`: "" after an unavailable version, "0" at first (any
   * version from the watch cache), else the last synced one.
   *
   * @returns the resourceVersion of the next list.
   */
  relistResourceVersion(): string {
    if (this.#unavailable) return '';
    return this.#lastSynced === '' ? '0' : this.#lastSynced;
  }

  /**
   * The resourceVersion of the next watch-list: "" after an unavailable version, else the last.
   *
   * @returns the resourceVersion.
   */
  watchListResourceVersion(): string {
    return this.#unavailable ? '' : this.#lastSynced;
  }

  /**
   * The options of one list request at `resourceVersion`, with client-go's paging rule: no limit
   * for an exact-version read unless the server paged before or the user set a page size.
   *
   * @param resourceVersion - the version to list at.
   * @returns the list options.
   */
  listOptions(resourceVersion: string): ListOptions {
    const options: ListOptions = { resourceVersion };
    const limit = this.#pageSizeFor(resourceVersion);
    if (limit === undefined) return options;
    options.limit = limit;
    // With a limit and no match, the server reads exactly that version (from etcd), which can hand
    // back a version its watch cache has already forgotten: the next watch gets 410 and the
    // reflector would relist at the same stale version forever. Ask for "not older than".
    if (resourceVersion !== '' && resourceVersion !== '0') {
      options.resourceVersionMatch = 'NotOlderThan';
    }
    return options;
  }

  #pageSizeFor(resourceVersion: string): number | undefined {
    if (this.#explicitPageSize !== undefined) return this.#explicitPageSize;
    if (this.#paginatedResult) return defaultPageSize;
    if (resourceVersion !== '' && resourceVersion !== '0') return undefined;
    return defaultPageSize;
  }
}
