import type { FakeListerWatcher } from '@kube-cache/testing';
import type { ReplicaWriter } from './replica-writer';
import { ReplicaWriteError } from './replica-writer';
import type { ReplicatedKind, ReplicatedObject } from './replicated-object';

/** A ReplicaWriter over FakeListerWatchers, with the API server's resourceVersion checks. */
export class FakeClusterWriter implements ReplicaWriter {
  readonly writes: string[] = [];
  #conflictsLeft = 0;

  constructor(
    readonly configMaps: FakeListerWatcher<ReplicatedObject>,
    readonly secrets: FakeListerWatcher<ReplicatedObject>,
  ) {}

  /** The next `count` writes fail with a 409. */
  failNextWithConflict(count: number): void {
    this.#conflictsLeft = count;
  }

  create(object: ReplicatedObject): Promise<void> {
    const store = this.#store(object.kind as ReplicatedKind);
    this.#maybeConflict();
    if (this.#find(store, object.metadata?.namespace, object.metadata?.name) !== undefined) {
      throw new ReplicaWriteError('already exists', 409);
    }
    store.add(object);
    this.writes.push(`create ${object.metadata?.namespace}/${object.metadata?.name}`);
    return Promise.resolve();
  }

  replace(object: ReplicatedObject): Promise<void> {
    const store = this.#store(object.kind as ReplicatedKind);
    this.#maybeConflict();
    const existing = this.#find(store, object.metadata?.namespace, object.metadata?.name);
    if (existing === undefined) throw new ReplicaWriteError('not found', 404);
    if (existing.metadata?.resourceVersion !== object.metadata?.resourceVersion) {
      throw new ReplicaWriteError('the object has been modified', 409);
    }
    store.modify(object);
    this.writes.push(`replace ${object.metadata?.namespace}/${object.metadata?.name}`);
    return Promise.resolve();
  }

  delete(
    kind: ReplicatedKind,
    namespace: string,
    name: string,
    resourceVersion: string | undefined,
  ): Promise<boolean> {
    const store = this.#store(kind);
    this.#maybeConflict();
    const existing = this.#find(store, namespace, name);
    if (existing === undefined) return Promise.resolve(false);
    if (resourceVersion !== undefined && existing.metadata?.resourceVersion !== resourceVersion) {
      throw new ReplicaWriteError('precondition failed', 409);
    }
    store.delete(existing);
    this.writes.push(`delete ${namespace}/${name}`);
    return Promise.resolve(true);
  }

  #maybeConflict(): void {
    if (this.#conflictsLeft === 0) return;
    this.#conflictsLeft -= 1;
    throw new ReplicaWriteError('injected conflict', 409);
  }

  #store(kind: ReplicatedKind): FakeListerWatcher<ReplicatedObject> {
    return kind === 'Secret' ? this.secrets : this.configMaps;
  }

  #find(
    store: FakeListerWatcher<ReplicatedObject>,
    namespace: string | undefined,
    name: string | undefined,
  ): ReplicatedObject | undefined {
    return store
      .objects()
      .find((object) => object.metadata?.namespace === namespace && object.metadata?.name === name);
  }
}

export function configMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  annotations?: Record<string, string>,
): ReplicatedObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { namespace, name, ...(annotations === undefined ? {} : { annotations }) },
    data,
  };
}

export function namespace(name: string, labels?: Record<string, string>): ReplicatedObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(labels === undefined ? {} : { labels }) },
  };
}
