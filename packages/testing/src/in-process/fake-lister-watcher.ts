import type {
  KubeObject,
  ListerWatcher,
  ListOptions,
  ListResult,
  Status,
  StatusCause,
  WatchEvent,
} from '@kube-cache/indexer';
import { listPage } from './fake-lister-watcher-list';
import { FakeListerWatcherError } from '../errors/fake-lister-watcher-error';
import { bookmarkObject, eventForChange, startEvents } from './fake-lister-watcher-watch';
import type { TypeMeta } from './fake-lister-watcher-watch';
import { FakeWatcher } from './fake-watcher';
import { createObjectFilter } from './object-filter';
import type { ObjectFilter } from './object-filter';
import { namespaceNameKey } from '../objects/namespace-name-key';
import { connectionRefusedError, statusError } from '../cluster/status-body';
import { VersionedObjectStore } from './versioned-object-store';
import type { HistoryEntry } from './versioned-object-store';

/**
 * The options of a {@link FakeListerWatcher}.
 *
 * @typeParam T - the object type.
 * @since 0.1.0
 */
export interface FakeListerWatcherOptions<T> {
  /** The object key; defaults to `namespace/name` (`name` for cluster-scoped objects). */
  keyFunc?: ((obj: T) => string) | undefined;
  /** Objects added (in order) at construction, each getting a resourceVersion. */
  initialObjects?: readonly T[] | undefined;
  /** How many changes the history keeps; older ones are compacted (default 10,000). */
  historyLimit?: number | undefined;
}

/**
 * A failure to inject: an HTTP status (with an optional reason, message and causes), or a refused
 * connection.
 *
 * @since 0.1.0
 */
export type FakeFailure =
  | {
      status: number;
      reason?: string | undefined;
      message?: string | undefined;
      causes?: readonly StatusCause[] | undefined;
    }
  | 'connection-refused';

/**
 * One recorded `list` or `watch` call.
 *
 * @since 0.1.0
 */
export interface FakeListerWatcherCall {
  method: 'list' | 'watch';
  options: ListOptions;
}

interface OpenWatch<T> {
  watcher: FakeWatcher<T>;
  filter: ObjectFilter<T>;
  allowBookmarks: boolean;
}

const initialResourceVersion = 1;

/**
 * An in-memory `ListerWatcher` faithful to the API server's list/watch protocol (client-go's
 * FakeControllerSource, done right). Every mutation gets the next integer resourceVersion and is
 * kept in a history, so a watch from the resourceVersion of an earlier list replays every change
 * since: nothing between list and watch is lost. Lists page with `limit`/`continue` over a
 * consistent snapshot; a compacted resourceVersion or continue token gets `410 Expired`; failures
 * can be injected; every call's options are recorded.
 *
 * The fake starts at resourceVersion `"1"` (an empty store), so the first change gets `"2"`.
 * Objects are copied with `structuredClone` on the way in and out.
 *
 * @typeParam T - the object type.
 * @example
 * ```ts
 * const source = new FakeListerWatcher<Pod>();
 * source.add({ metadata: { name: 'a', namespace: 'default' } });
 * const list = await source.list({}, signal);           // resourceVersion "2", one item
 * source.modify({ metadata: { name: 'a', namespace: 'default', labels: { x: 'y' } } });
 * const events = await source.watch({ resourceVersion: list.resourceVersion }, signal);
 * for await (const event of events) console.log(event.type); // MODIFIED
 * ```
 * @since 0.1.0
 */
export class FakeListerWatcher<T extends KubeObject> implements ListerWatcher<T> {
  readonly #keyFunc: (obj: T) => string;
  readonly #store: VersionedObjectStore<T>;
  readonly #watches = new Set<OpenWatch<T>>();
  readonly #failures: Record<'list' | 'watch', FakeFailure[]> = { list: [], watch: [] };
  readonly #calls: FakeListerWatcherCall[] = [];
  #typeMeta: TypeMeta = {};

  /**
   * @param options - the key function, the initial objects and the history limit.
   * @throws {@link FakeListerWatcherError} when an initial object has no name or a duplicate key.
   */
  constructor(options: FakeListerWatcherOptions<T> = {}) {
    const historyLimit = options.historyLimit ?? 10_000;
    if (!Number.isInteger(historyLimit) || historyLimit < 0) {
      throw new FakeListerWatcherError(
        'InvalidArgument',
        `historyLimit must be a non-negative integer, got ${historyLimit}`,
      );
    }
    this.#keyFunc = options.keyFunc ?? namespaceNameKey;
    this.#store = new VersionedObjectStore<T>(initialResourceVersion, historyLimit);
    for (const object of options.initialObjects ?? []) this.add(object);
  }

  /** The current resourceVersion (of the latest change). */
  get resourceVersion(): string {
    return String(this.#store.resourceVersion);
  }

  /** Every `list` and `watch` call so far, with a copy of its options, oldest first. */
  get calls(): ReadonlyArray<FakeListerWatcherCall> {
    return this.#calls;
  }

  /** How many watches are open. */
  get openWatches(): number {
    return this.#watches.size;
  }

  /**
   * Stores a new object and sends `ADDED` to the open watches.
   *
   * @param obj - the object; it is copied, not modified.
   * @returns the stored copy, with its new `metadata.resourceVersion`.
   * @throws {@link FakeListerWatcherError} `AlreadyExists` when the key is taken, `InvalidObject`
   *   when the object has no name.
   */
  add(obj: T): T {
    const key = this.#keyOf(obj);
    if (this.#store.get(key) !== undefined) {
      throw new FakeListerWatcherError('AlreadyExists', `object "${key}" already exists`);
    }
    return this.#change('ADDED', key, obj);
  }

  /**
   * Replaces a stored object and sends `MODIFIED` to the open watches.
   *
   * @param obj - the new state; its `resourceVersion` is ignored and replaced.
   * @returns the stored copy, with its new `metadata.resourceVersion`.
   * @throws {@link FakeListerWatcherError} `NotFound` when there is no such object.
   */
  modify(obj: T): T {
    const key = this.#keyOf(obj);
    if (this.#store.get(key) === undefined)
      throw new FakeListerWatcherError('NotFound', `object "${key}" not found`);
    return this.#change('MODIFIED', key, obj);
  }

  /**
   * Removes a stored object and sends `DELETED` to the open watches. As on the API server, the
   * event carries the object's last stored state with the deletion's resourceVersion.
   *
   * @param obj - the object (only its key is read).
   * @returns the deleted object's last state, with the deletion's resourceVersion.
   * @throws {@link FakeListerWatcherError} `NotFound` when there is no such object.
   */
  delete(obj: T): T {
    const key = this.#keyOf(obj);
    const stored = this.#store.get(key);
    if (stored === undefined)
      throw new FakeListerWatcherError('NotFound', `object "${key}" not found`);
    return this.#change('DELETED', key, stored);
  }

  /** @returns copies of the stored objects, in key order. */
  objects(): T[] {
    const objects = [...this.#store.values()];
    return objects
      .map((object) => ({ key: this.#keyFunc(object), object }))
      .sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0))
      .map(({ object }) => structuredClone(object));
  }

  /**
   * Lists one page, following the API server: resourceVersion `""` (most recent), `"0"` (any;
   * here the most recent), an exact one (`resourceVersionMatch: 'Exact'`, or any resourceVersion
   * with a `limit`), or not older than one; `limit`/`continue` paging over the snapshot of the
   * first page; label and field selectors.
   *
   * @param options - the list options.
   * @param signal - rejects the call when already aborted.
   * @returns the page.
   * @throws `ApiStatusError` as the server would (400, 410 `Expired`, 422, 504) or as injected
   *   with {@link failNext}; the abort reason when `signal` is aborted.
   */
  list(options: ListOptions, signal: AbortSignal): Promise<ListResult<T>> {
    // The executor's synchronous throw becomes the rejection, with the thrown value unchanged.
    return new Promise((resolve) => {
      this.#begin('list', options, signal);
      resolve(listPage(this.#store, options, createObjectFilter<T>(options), copyObject));
    });
  }

  /**
   * Opens a watch. From a resourceVersion it replays the retained changes after it, then follows
   * live ones; from `""`/`"0"` it first sends the current state as `ADDED` events; with
   * `sendInitialEvents: true` (and `resourceVersionMatch: 'NotOlderThan'`, `allowWatchBookmarks:
   * true`) it sends the current state then a bookmark annotated `k8s.io/initial-events-end`.
   * `timeoutSeconds` ends the watch normally after that time.
   *
   * @param options - the watch options.
   * @param signal - aborting it ends the stream.
   * @returns the event stream.
   * @throws `ApiStatusError` 410 `Expired` for a compacted resourceVersion, 504 for one not reached
   *   yet, 400/422 for bad options, or as injected with {@link failNext}.
   */
  watch(options: ListOptions, signal: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>> {
    return new Promise((resolve) => {
      this.#begin('watch', options, signal);
      const { filter } = createObjectFilter<T>(options);
      const events = startEvents(this.#store, options, filter, copyObject, this.#typeMeta);
      resolve(this.#open(options, signal, filter, events));
    });
  }

  /** Ends every open watch normally, as a dropped connection or server timeout does. */
  dropWatches(): void {
    for (const watch of [...this.#watches]) watch.watcher.stop();
  }

  /**
   * Forgets the history up to a resourceVersion: later watches from it or before, exact lists at
   * it, and continue tokens from it get `410 Expired`.
   *
   * @param resourceVersion - the newest resourceVersion to forget (default: the current one; a
   *   later one is clamped to it).
   * @throws {@link FakeListerWatcherError} `InvalidArgument` when it is not a positive integer.
   */
  compact(resourceVersion?: string): void {
    if (resourceVersion === undefined) {
      this.#store.compact(this.#store.resourceVersion);
      return;
    }
    if (!/^[1-9][0-9]*$/.test(resourceVersion)) {
      throw new FakeListerWatcherError(
        'InvalidArgument',
        `cannot compact to resourceVersion ${JSON.stringify(resourceVersion)}`,
      );
    }
    this.#store.compact(Number(resourceVersion));
  }

  /** Sends a `BOOKMARK` at the current resourceVersion to the open watches that allowed bookmarks. */
  bookmark(): void {
    for (const watch of this.#watches) {
      if (watch.allowBookmarks) {
        watch.watcher.bookmark(bookmarkObject(this.#typeMeta, this.#store.resourceVersion));
      }
    }
  }

  /**
   * Makes the next `count` calls of `method` fail: with an `ApiStatusError` carrying a real
   * `Status` body (for a status), or with an `Error` whose `code` is `'ECONNREFUSED'`.
   *
   * @param method - `'list'` or `'watch'`.
   * @param failure - the status (and optional reason, message, causes), or `'connection-refused'`.
   * @param count - how many calls fail (default 1).
   * @throws {@link FakeListerWatcherError} `InvalidArgument` when `count` is not a positive integer.
   */
  failNext(method: 'list' | 'watch', failure: FakeFailure, count = 1): void {
    if (!Number.isInteger(count) || count < 1) {
      throw new FakeListerWatcherError(
        'InvalidArgument',
        `count must be a positive integer, got ${count}`,
      );
    }
    for (let index = 0; index < count; index += 1) this.#failures[method].push(failure);
  }

  /**
   * Sends an `ERROR` event carrying `status` on every open watch, then ends them, as the API server
   * does (for example with a 410 `Expired` status).
   *
   * @param status - the `Status` object.
   */
  sendErrorEvent(status: Status): void {
    for (const watch of [...this.#watches]) {
      watch.watcher.error(structuredClone(status));
      watch.watcher.stop();
    }
  }

  #keyOf(obj: T): string {
    if (obj.metadata?.name === undefined || obj.metadata.name === '') {
      throw new FakeListerWatcherError('InvalidObject', 'the object has no metadata.name');
    }
    return this.#keyFunc(obj);
  }

  #change(type: HistoryEntry<T>['type'], key: string, obj: T): T {
    const stored = withResourceVersion(obj, this.#store.nextResourceVersion());
    if (stored.apiVersion !== undefined || stored.kind !== undefined) {
      this.#typeMeta = { apiVersion: stored.apiVersion, kind: stored.kind };
    }
    const entry = this.#store.record(type, key, stored);
    for (const watch of this.#watches) {
      const event = eventForChange(entry, watch.filter, copyObject);
      if (event !== undefined) watch.watcher.push(event);
    }
    return structuredClone(stored);
  }

  #begin(method: 'list' | 'watch', options: ListOptions, signal: AbortSignal): void {
    this.#calls.push({ method, options: { ...options } });
    signal.throwIfAborted();
    const failure = this.#failures[method].shift();
    if (failure === undefined) return;
    if (failure === 'connection-refused') throw connectionRefusedError();
    throw statusError(failure);
  }

  #open(
    options: ListOptions,
    signal: AbortSignal,
    filter: ObjectFilter<T>,
    events: WatchEvent<T>[],
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
}

function copyObject<T>(object: T): T {
  return structuredClone(object);
}

function withResourceVersion<T extends KubeObject>(obj: T, resourceVersion: number): T {
  const copy = structuredClone(obj);
  return Object.assign(copy, {
    metadata: { ...copy.metadata, resourceVersion: String(resourceVersion) },
  });
}
