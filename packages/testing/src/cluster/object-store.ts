import { randomUUID } from 'node:crypto';
import type { KubeObject } from '@kube-cache/indexer';
import { statusErrors } from './api-status';
import { HistoryRing } from './history-ring';
import { buildRevision, randomNameSuffix, timestampNow, validateWrite } from './object-revision';
import type { ValidatedMetadata } from './object-revision';
import { apiVersionOf } from './resource-definition';
import type { ResourceDefinition } from './resource-definition';
import { currentRevision, ResourceStore } from './resource-store';
import type { Revision, StoreEntry } from './resource-store';

/**
 * One change, as kept in the history for watches.
 */
export interface ChangeEvent {
  readonly resourceVersion: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly store: ResourceStore;
  readonly entry: StoreEntry;
  readonly revision: Revision;
  /** The state before a MODIFIED or DELETED, for selector transitions. */
  readonly previous: Revision | undefined;
}

/**
 * Preconditions of a delete, as in `DeleteOptions.preconditions`.
 */
export interface DeletePreconditions {
  readonly resourceVersion?: string | undefined;
  readonly uid?: string | undefined;
}

/**
 * The whole fake cluster's data: one resourceVersion counter across resources (as etcd has),
 * a multi-version store per resource, a bounded history of changes for watches, and
 * subscribers that open watches register with.
 */
export class ObjectStore {
  readonly #stores = new Map<string, ResourceStore>();
  readonly #history: HistoryRing<ChangeEvent>;
  readonly #listeners = new Map<ResourceStore, Set<(event: ChangeEvent) => void>>();
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
    let listeners = this.#listeners.get(store);
    if (listeners === undefined) {
      listeners = new Set();
      this.#listeners.set(store, listeners);
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
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
      for (const entry of [...store.entries()]) this.#prune(store, entry);
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
    return this.#create(store, object, validateWrite(store.definition, object, namespace));
  }

  #create(store: ResourceStore, object: KubeObject, metadata: ValidatedMetadata): Revision {
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
    const requested = object.metadata?.resourceVersion;
    if (
      requested !== undefined &&
      requested !== '' &&
      requested !== String(existing.resourceVersion)
    ) {
      throw statusErrors.conflict(
        subject,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
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
    const checks: [string, string | undefined, unknown, string][] = [
      ['UID', preconditions.uid, object.metadata['uid'], 'replaced'],
      [
        'ResourceVersion',
        preconditions.resourceVersion,
        object.metadata['resourceVersion'],
        'modified',
      ],
    ];
    for (const [label, wanted, actual, change] of checks) {
      if (wanted !== undefined && wanted !== '' && wanted !== actual) {
        throw statusErrors.preconditionFailed(
          store.definition.kind,
          name,
          `the ${label} in the precondition (${wanted}) does not match the ${label} in record (${String(actual)}). The object might have been ${change}`,
        );
      }
    }
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

  /**
   * Inserts or replaces many objects quickly, creating their namespaces first.
   *
   * @param objects - objects with apiVersion, kind and metadata.name.
   * @throws ApiStatusError for an unknown kind or an invalid object (objects before it stay).
   */
  seed(objects: readonly KubeObject[]): void {
    const namespaces = new Set<string>();
    for (const object of objects) {
      const namespace = object.metadata?.namespace;
      if (namespace !== undefined && namespace !== '') namespaces.add(namespace);
    }
    for (const namespace of namespaces) this.ensureNamespace(namespace);
    const stores = new Set<ResourceStore>();
    try {
      for (const object of objects) {
        const store = this.storeFor(object.apiVersion ?? '', object.kind ?? '');
        if (!stores.has(store)) {
          stores.add(store);
          store.bulkLoading = true;
        }
        const metadata = validateWrite(store.definition, object, undefined);
        const existing = currentRevision(store.entry(metadata.namespace, metadata.name ?? ''));
        if (existing === undefined) this.#create(store, object, metadata);
        else
          this.update(store, {
            ...object,
            metadata: { ...object.metadata, resourceVersion: undefined },
          });
      }
    } finally {
      for (const store of stores) store.bulkLoading = false;
    }
  }

  /**
   * Creates a namespace if it does not exist.
   *
   * @param name - the namespace name.
   */
  ensureNamespace(name: string): void {
    const namespaces = this.storeFor('v1', 'Namespace');
    if (currentRevision(namespaces.entry('', name)) !== undefined) return;
    this.create(namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    } as KubeObject);
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
    this.#prune(store, entry);
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
      this.#prune(dropped.store, dropped.entry);
    }
    const listeners = this.#listeners.get(store);
    if (listeners !== undefined) for (const listener of [...listeners]) listener(event);
    return revision;
  }

  // Keeps the revisions newer than the compaction point plus the one visible at it.
  #prune(store: ResourceStore, entry: StoreEntry): void {
    const compacted = this.#compactedResourceVersion;
    const revisions = entry.revisions;
    let drop = 0;
    while (
      drop + 1 < revisions.length &&
      (revisions[drop + 1]?.resourceVersion ?? Infinity) <= compacted
    )
      drop += 1;
    if (drop > 0) entry.revisions = revisions.slice(drop);
    const only = entry.revisions.length === 1 ? entry.revisions[0] : undefined;
    if (
      entry.revisions.length === 0 ||
      (only !== undefined && only.deleted && only.resourceVersion <= compacted)
    ) {
      store.remove(entry);
    }
  }
}
