import type {
  KubeObject,
  ListerWatcher,
  ListOptions,
  ListResult,
  Status,
  WatchEvent,
} from '@kube-cache/indexer';
import { listCollection } from '../cluster/list-collection';
import { requestListOptions } from '../cluster/list-options';
import type { RequestListOptions } from '../cluster/list-options';
import { compileObjectFilter } from '../cluster/object-filter';
import type { ObjectFilter } from '../cluster/object-filter';
import { revisionOf } from '../cluster/object-revision';
import { ObjectStore } from '../cluster/object-store';
import type { ChangeEvent } from '../cluster/change-event';
import { apiVersionOf } from '../cluster/resource-definition';
import type { ResourceDefinition } from '../cluster/resource-definition';
import { currentRevision } from '../cluster/resource-store';
import type { ResourceStore, Revision } from '../cluster/resource-store';
import { FakeListerWatcherError } from '../errors/fake-lister-watcher-error';
import { namespaceNameKey } from '../objects/namespace-name-key';
import { bookmarkObject } from './bookmark-object';
import type { TypeMeta } from './bookmark-object';
import type {
  FakeFailure,
  FakeListerWatcherCall,
  FakeListerWatcherOptions,
} from './fake-lister-watcher-options';
import { OpenWatches } from './open-watches';
import { RecordedCalls } from './recorded-calls';
import { anyResource, selectableResource } from './selectable-resource';
import { locationOf, parseObject, withResourceVersion } from './stored-objects';
import { watchStartEvents } from './watch-start-events';

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
 * Objects are kept as JSON: a copy goes in, and lists and watches hand out fresh objects parsed
 * from it, as a client decodes them from the wire.
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
  readonly #keyFunc: (object: T) => string;
  readonly #resource: ResourceDefinition | undefined;
  readonly #cluster: ObjectStore;
  readonly #store: ResourceStore;
  readonly #watches = new OpenWatches<T>();
  readonly #calls = new RecordedCalls();
  #typeMeta: TypeMeta = {};

  /**
   * @param options - the key function, the resource, the initial objects and the history limit.
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
    this.#resource = options.resource;
    this.#cluster = new ObjectStore([anyResource], historyLimit, initialResourceVersion);
    this.#store = this.#cluster.storeFor(apiVersionOf(anyResource), anyResource.kind);
    this.#cluster.subscribe(this.#store, (event) => this.#watches.deliver(event));
    for (const object of options.initialObjects ?? []) this.add(object);
  }

  /** The current resourceVersion (of the latest change). */
  get resourceVersion(): string {
    return String(this.#cluster.resourceVersion);
  }

  /** Every `list` and `watch` call so far, with a copy of its options, oldest first. */
  get calls(): ReadonlyArray<FakeListerWatcherCall> {
    return this.#calls.calls;
  }

  /** How many watches are open. */
  get openWatches(): number {
    return this.#watches.size;
  }

  /**
   * Stores a new object and sends `ADDED` to the open watches.
   *
   * @param object - the object; it is copied, not modified.
   * @returns the stored copy, with its new `metadata.resourceVersion`.
   * @throws {@link FakeListerWatcherError} `AlreadyExists` when the key is taken, `InvalidObject`
   *   when the object has no name.
   */
  add(object: T): T {
    const key = this.#keyOf(object);
    if (this.#stored(key, object) !== undefined) {
      throw new FakeListerWatcherError('AlreadyExists', `object "${key}" already exists`);
    }
    return this.#change('ADDED', key, object);
  }

  /**
   * Replaces a stored object and sends `MODIFIED` to the open watches.
   *
   * @param object - the new state; its `resourceVersion` is ignored and replaced.
   * @returns the stored copy, with its new `metadata.resourceVersion`.
   * @throws {@link FakeListerWatcherError} `NotFound` when there is no such object.
   */
  modify(object: T): T {
    const key = this.#keyOf(object);
    if (this.#stored(key, object) === undefined)
      throw new FakeListerWatcherError('NotFound', `object "${key}" not found`);
    return this.#change('MODIFIED', key, object);
  }

  /**
   * Removes a stored object and sends `DELETED` to the open watches. As on the API server, the
   * event carries the object's last stored state with the deletion's resourceVersion.
   *
   * @param object - the object (only its key is read).
   * @returns the deleted object's last state, with the deletion's resourceVersion.
   * @throws {@link FakeListerWatcherError} `NotFound` when there is no such object.
   */
  delete(object: T): T {
    const key = this.#keyOf(object);
    const stored = this.#stored(key, object);
    if (stored === undefined)
      throw new FakeListerWatcherError('NotFound', `object "${key}" not found`);
    return this.#change('DELETED', key, parseObject<T>(stored.body));
  }

  /** @returns copies of the stored objects, in key order. */
  objects(): T[] {
    const objects: T[] = [];
    for (const entry of this.#store.scope(undefined)) {
      const revision = currentRevision(entry);
      if (revision !== undefined) objects.push(parseObject<T>(revision.body));
    }
    return objects;
  }

  /**
   * Lists one page, following the API server: resourceVersion `""` (most recent), `"0"` (any;
   * here the most recent), an exact one (`resourceVersionMatch: 'Exact'`, or any resourceVersion
   * with a `limit`), or not older than one; `limit`/`continue` paging over the snapshot of the
   * first page; label selectors, and field selectors on the resource's selectable fields.
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
      this.#calls.begin('list', options, signal);
      const request = requestListOptions(options, false);
      const page = listCollection(this.#cluster, this.#store, this.#filter(request), request);
      const result: ListResult<T> = {
        items: page.items.map((body) => parseObject<T>(body)),
        resourceVersion: String(page.resourceVersion),
      };
      if (page.continue !== undefined) result.continue = page.continue;
      if (page.remainingItemCount !== undefined)
        result.remainingItemCount = page.remainingItemCount;
      resolve(result);
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
      this.#calls.begin('watch', options, signal);
      const request = requestListOptions(options, true);
      const filter = this.#filter(request);
      const events = watchStartEvents<T>(
        this.#cluster,
        this.#store,
        request,
        filter,
        this.#typeMeta,
      );
      resolve(this.#watches.open(options, signal, filter, events));
    });
  }

  /** Ends every open watch normally, as a dropped connection or server timeout does. */
  dropWatches(): void {
    this.#watches.stopAll();
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
      this.#cluster.compact();
      return;
    }
    if (!/^[1-9][0-9]*$/.test(resourceVersion)) {
      throw new FakeListerWatcherError(
        'InvalidArgument',
        `cannot compact to resourceVersion ${JSON.stringify(resourceVersion)}`,
      );
    }
    this.#cluster.compact(Number(resourceVersion));
  }

  /** Sends a `BOOKMARK` at the current resourceVersion to the open watches that allowed bookmarks. */
  bookmark(): void {
    this.#watches.bookmark(() => bookmarkObject(this.#typeMeta, this.#cluster.resourceVersion));
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
    this.#calls.planFailure(method, failure, count);
  }

  /**
   * Sends an `ERROR` event carrying `status` on every open watch, then ends them, as the API server
   * does (for example with a 410 `Expired` status).
   *
   * @param status - the `Status` object.
   */
  sendErrorEvent(status: Status): void {
    this.#watches.sendError(status);
  }

  #keyOf(object: T): string {
    if (object.metadata?.name === undefined || object.metadata.name === '') {
      throw new FakeListerWatcherError('InvalidObject', 'the object has no metadata.name');
    }
    return this.#keyFunc(object);
  }

  #stored(key: string, object: T): Revision | undefined {
    const location = locationOf(key, object);
    return currentRevision(this.#store.entryByKey(key, location.namespace, location.name));
  }

  #filter(request: RequestListOptions): ObjectFilter {
    return compileObjectFilter(
      selectableResource(this.#resource, this.#typeMeta),
      undefined,
      request.labelSelector,
      request.fieldSelector,
    );
  }

  #change(type: ChangeEvent['type'], key: string, object: T): T {
    const resourceVersion = this.#cluster.resourceVersion + 1;
    const stored = withResourceVersion(object, resourceVersion);
    if (stored.apiVersion !== undefined || stored.kind !== undefined) {
      this.#typeMeta = { apiVersion: stored.apiVersion, kind: stored.kind };
    }
    const revision = revisionOf(
      selectableResource(this.#resource, { apiVersion: stored.apiVersion, kind: stored.kind }),
      stored,
      resourceVersion,
    );
    this.#cluster.record(this.#store, locationOf(key, stored), type, {
      ...revision,
      deleted: type === 'DELETED',
    });
    return stored;
  }
}
