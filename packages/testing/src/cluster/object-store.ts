import { randomUUID } from 'node:crypto';
import type { KubeObject } from '@kube-cache/indexer';
import { statusErrors } from './api-status';
import type { ChangeEvent } from './change-event';
import { ChangeSubscriptions } from './change-subscriptions';
import { HistoryRing } from './history-ring';
import { buildRevision, randomNameSuffix, timestampNow, validateWrite } from './object-revision';
import { apiVersionOf } from './resource-definition';
import type { ResourceDefinition } from './resource-definition';
import { currentRevision, ResourceStore } from './resource-store';
import type { Revision, StoreEntry } from './resource-store';
import { pruneRevisions } from './revision-pruning';
import { checkDeletePreconditions, checkUpdateResourceVersion } from './write-preconditions';
import type { DeletePreconditions } from './write-preconditions';

/**
 * The whole fake cluster's data: one resourceVersion counter across resources (as etcd has),
 * a multi-version store per resource, a bounded history of changes for watches, and
 * subscribers that open watches register with.
 */
export class ObjectStore {
  readonly #stores = new Map<string, ResourceStore>();
  readonly #history: HistoryRing<ChangeEvent>;
  readonly #subscriptions = new ChangeSubscriptions();
  #resourceVersion = 0;
  #compactedResourceVersion = 0;
  #dryRun = false;

  /**
   * @param definitions - the resources to serve.
   * @param historyLimit - how many changes to retain for watches.
   * @param startResourceVersion - the resourceVersion of the empty cluster (default 0).
   */
  constructor(
    definitions: readonly ResourceDefinition[],
    historyLimit: number,
    startResourceVersion = 0,
  ) {
    this.#resourceVersion = startResourceVersion;
    this.#compactedResourceVersion = startResourceVersion;
    this.#history = new HistoryRing(historyLimit);
    for (const definition of definitions) {
      this.#stores.set(
        `${apiVersionOf(definition)}/${definition.kind}`,
        new ResourceStore(definition),
      );
    }
  }

  /** The current resourceVersion. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  /** The oldest resourceVersion that can still be read or watched from. */
  get compactedResourceVersion(): number {
    return this.#compactedResourceVersion;
  }

  /** Every resource store. */
  stores(): ResourceStore[] {
    return [...this.#stores.values()];
  }

  /**
   * The store of a resource by apiVersion and kind.
   *
   * @param apiVersion - for example `v1` or `apps/v1`.
   * @param kind - for example `Pod`.
   * @returns the store.
   * @throws ApiStatusError 404 when the resource is not served.
   */
  storeFor(apiVersion: string, kind: string): ResourceStore {
    const store = this.#stores.get(`${apiVersion}/${kind}`);
    if (store === undefined) throw statusErrors.resourceNotFound();
    return store;
  }

  /**
   * Registers a listener for the changes of one resource.
   *
   * @param store - the resource.
   * @param listener - called synchronously with every change.
   * @returns a function that unregisters.
   */
  subscribe(store: ResourceStore, listener: (event: ChangeEvent) => void): () => void {
    return this.#subscriptions.subscribe(store, listener);
  }

  /**
   * The retained changes after a resourceVersion.
   *
   * @param resourceVersion - the exclusive lower bound.
   * @returns the changes, oldest first.
   */
  changesAfter(resourceVersion: number): ChangeEvent[] {
    return this.#history.after(resourceVersion);
  }

  /**
   * Forgets the history up to a resourceVersion: reads and watches at it or before get 410.
   *
   * @param resourceVersion - the newest resourceVersion to forget (default, and at most: the
   *   current one).
   */
  compact(resourceVersion = this.#resourceVersion): void {
    const target = Math.min(resourceVersion, this.#resourceVersion);
    if (target <= this.#compactedResourceVersion) return;
    this.#compactedResourceVersion = target;
    this.#history.dropThrough(target);
    for (const store of this.#stores.values()) {
      store.clearSnapshots();
      for (const entry of [...store.entries()])
        pruneRevisions(store, entry, this.#compactedResourceVersion);
    }
  }

  /**
   * Runs writes as a dry run (`dryRun=All`): validated and answered as usual, but nothing is
   * stored, no resourceVersion is used and no event is sent.
   *
   * @param write - the writes to run.
   * @returns what `write` returns.
   */
  dryRun<T>(write: () => T): T {
    this.#dryRun = true;
    try {
      return write();
    } finally {
      this.#dryRun = false;
    }
  }

  /**
   * Creates an object.
   *
   * @param store - the resource.
   * @param object - the object; `metadata.name` or `metadata.generateName` is required.
   * @param namespace - the namespace from the request path, if any.
   * @returns the stored revision.
   * @throws ApiStatusError 400, 404 (missing namespace), 409 (exists) or 422 (invalid).
   */
  create(store: ResourceStore, object: KubeObject, namespace?: string): Revision {
    const metadata = validateWrite(store.definition, object, namespace);
    let name = metadata.name;
    if (name === undefined) {
      const prefix = metadata.generateName ?? '';
      do name = prefix + randomNameSuffix();
      while (currentRevision(store.entry(metadata.namespace, name)) !== undefined);
    }
    this.#requireNamespace(store, metadata.namespace);
    const subject = { group: store.definition.group, plural: store.definition.plural, name };
    if (currentRevision(store.entry(metadata.namespace, name)) !== undefined)
      throw statusErrors.alreadyExists(subject);
    // A dry run must not leave even an empty entry behind.
    const entry = store.entry(metadata.namespace, name, !this.#dryRun) ?? {
      key: store.keyOf(metadata.namespace, name),
      namespace: metadata.namespace,
      name,
      revisions: [],
    };
    const resourceVersion = this.#resourceVersion + 1;
    const revision = buildRevision(store.definition, object, {
      namespace: metadata.namespace,
      name,
      resourceVersion,
      uid: randomUUID(),
      creationTimestamp: timestampNow(),
    });
    return this.#commit(store, entry, 'ADDED', revision);
  }

  /**
   * Replaces an object; a `metadata.resourceVersion` in it must match the stored one.
   *
   * @param store - the resource.
   * @param object - the new state.
   * @param namespace - the namespace from the request path, if any.
   * @returns the stored revision (the old one when nothing changed).
   * @throws ApiStatusError 404 (absent), 409 (resourceVersion conflict) or 422 (invalid).
   */
  update(store: ResourceStore, object: KubeObject, namespace?: string): Revision {
    const metadata = validateWrite(store.definition, object, namespace);
    const name = metadata.name ?? '';
    const subject = { group: store.definition.group, plural: store.definition.plural, name };
    const entry = store.entry(metadata.namespace, name);
    const existing = currentRevision(entry);
    if (entry === undefined || existing === undefined) throw statusErrors.notFound(subject);
    checkUpdateResourceVersion(subject, object.metadata?.resourceVersion, existing.resourceVersion);
    const previous = JSON.parse(existing.body) as {
      metadata: { uid: string; creationTimestamp: string };
    };
    const stamp = {
      namespace: metadata.namespace,
      name,
      uid: previous.metadata.uid,
      creationTimestamp: previous.metadata.creationTimestamp,
    };
    // A write that changes nothing is not a change: no new resourceVersion, no event.
    const unchanged = buildRevision(store.definition, object, {
      ...stamp,
      resourceVersion: existing.resourceVersion,
    });
    if (unchanged.body === existing.body) return existing;
    const revision = buildRevision(store.definition, object, {
      ...stamp,
      resourceVersion: this.#resourceVersion + 1,
    });
    return this.#commit(store, entry, 'MODIFIED', revision, existing);
  }

  /**
   * Deletes an object.
   *
   * @param store - the resource.
   * @param namespace - the namespace ('' for cluster-scoped).
   * @param name - the name.
   * @param preconditions - optional uid and resourceVersion preconditions.
   * @returns the tombstone: the last state stamped with the deletion's resourceVersion.
   * @throws ApiStatusError 404 (absent) or 409 (precondition failed).
   */
  delete(
    store: ResourceStore,
    namespace: string,
    name: string,
    preconditions: DeletePreconditions = {},
  ): Revision {
    const entry = store.entry(store.definition.namespaced ? namespace : '', name);
    const existing = currentRevision(entry);
    const subject = { group: store.definition.group, plural: store.definition.plural, name };
    if (entry === undefined || existing === undefined) throw statusErrors.notFound(subject);
    const object = JSON.parse(existing.body) as { metadata: Record<string, unknown> };
    checkDeletePreconditions(store.definition.kind, name, object.metadata, preconditions);
    const resourceVersion = this.#resourceVersion + 1;
    object.metadata['resourceVersion'] = String(resourceVersion);
    const tombstone: Revision = {
      ...existing,
      resourceVersion,
      body: JSON.stringify(object),
      deleted: true,
    };
    return this.#commit(store, entry, 'DELETED', tombstone, existing);
  }

  /**
   * Records a change that the caller has already checked, without the API server's validation
   * and server-set metadata: the in-process fake's writes. The revision must carry the next
   * resourceVersion ({@link resourceVersion} + 1); a `DELETED` revision is the tombstone.
   *
   * @param store - the resource.
   * @param location - the object's key, namespace ('' when it has none) and name.
   * @param type - the change.
   * @param revision - the new revision.
   * @returns the revision.
   */
  record(
    store: ResourceStore,
    location: { readonly key: string; readonly namespace: string; readonly name: string },
    type: ChangeEvent['type'],
    revision: Revision,
  ): Revision {
    const entry = store.entryByKey(location.key, location.namespace, location.name, true);
    if (entry === undefined) return revision;
    return this.#commit(store, entry, type, revision, currentRevision(entry));
  }

  #requireNamespace(store: ResourceStore, namespace: string): void {
    if (!store.definition.namespaced) return;
    const namespaces = this.#stores.get('v1/Namespace');
    if (
      namespaces !== undefined &&
      currentRevision(namespaces.entry('', namespace)) === undefined
    ) {
      throw statusErrors.notFound({ group: '', plural: 'namespaces', name: namespace });
    }
  }

  #commit(
    store: ResourceStore,
    entry: StoreEntry,
    type: ChangeEvent['type'],
    revision: Revision,
    previous?: Revision,
  ): Revision {
    if (this.#dryRun) return revision;
    this.#resourceVersion = revision.resourceVersion;
    entry.revisions.push(revision);
    pruneRevisions(store, entry, this.#compactedResourceVersion);
    const event: ChangeEvent = {
      resourceVersion: revision.resourceVersion,
      type,
      store,
      entry,
      revision,
      previous,
    };
    for (const dropped of this.#history.push(event)) {
      this.#compactedResourceVersion = Math.max(
        this.#compactedResourceVersion,
        dropped.resourceVersion,
      );
      pruneRevisions(dropped.store, dropped.entry, this.#compactedResourceVersion);
    }
    this.#subscriptions.notify(event);
    return revision;
  }
}
