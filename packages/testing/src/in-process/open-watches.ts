import type { KubeObject, ListOptions, Status, WatchEvent } from '@kube-cache/indexer';
import type { ObjectFilter } from '../cluster/object-filter';
import type { ChangeEvent } from '../cluster/change-event';
import { changeSeenThrough } from '../cluster/watch-events';
import { FakeWatcher } from './fake-watcher';
import { parseObject } from './stored-objects';

interface OpenWatch<T> {
  watcher: FakeWatcher<T>;
  filter: ObjectFilter;
  allowBookmarks: boolean;
}

/**
 * The in-process fake's open watches. Each hears every change of the cluster core through its
 * own selectors, ends after its `timeoutSeconds`, and leaves the set when it stops for whatever
 * reason.
 *
 * @typeParam T - the object type.
 */
export class OpenWatches<T extends KubeObject> {
  readonly #watches = new Set<OpenWatch<T>>();

  /** How many watches are open. */
  get size(): number {
    return this.#watches.size;
  }

  /**
   * Opens a watch that first sends `events`, then the changes its filter lets through.
   *
   * @param options - the watch options (bookmarks allowed, timeout).
   * @param signal - aborting it ends the stream.
   * @param filter - the watch's label and field selectors.
   * @param events - the events before the live ones (replayed changes, or the initial state).
   * @returns the event stream.
   */
  open(
    options: ListOptions,
    signal: AbortSignal,
    filter: ObjectFilter,
    events: readonly WatchEvent<T>[],
  ): FakeWatcher<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch: OpenWatch<T> = {
      filter,
      allowBookmarks: options.allowWatchBookmarks === true,
      watcher: new FakeWatcher<T>({
        signal,
        onStop: () => {
          this.#watches.delete(watch);
          if (timer !== undefined) clearTimeout(timer);
        },
      }),
    };
    for (const event of events) watch.watcher.push(event);
    this.#watches.add(watch);
    const timeoutSeconds = options.timeoutSeconds ?? 0;
    if (timeoutSeconds > 0) timer = setTimeout(() => watch.watcher.stop(), timeoutSeconds * 1000);
    return watch.watcher;
  }

  /**
   * Sends a change of the cluster core to each watch, as its selectors see it.
   *
   * @param event - the change.
   */
  deliver(event: ChangeEvent): void {
    for (const watch of this.#watches) {
      const seen = changeSeenThrough(watch.filter, event);
      if (seen !== undefined) {
        watch.watcher.push({ type: seen.type, object: parseObject<T>(seen.body) });
      }
    }
  }

  /**
   * Sends a `BOOKMARK` to the watches that allowed bookmarks.
   *
   * @param bookmarkObject - builds each watch's own bookmark object.
   */
  bookmark(bookmarkObject: () => KubeObject): void {
    for (const watch of this.#watches) {
      if (watch.allowBookmarks) watch.watcher.bookmark(bookmarkObject());
    }
  }

  /** Ends every open watch normally. */
  stopAll(): void {
    for (const watch of [...this.#watches]) watch.watcher.stop();
  }

  /**
   * Sends an `ERROR` event on every open watch, then ends them.
   *
   * @param status - the `Status` object; each watch gets its own copy.
   */
  sendError(status: Status): void {
    for (const watch of [...this.#watches]) {
      watch.watcher.error(structuredClone(status));
      watch.watcher.stop();
    }
  }
}
