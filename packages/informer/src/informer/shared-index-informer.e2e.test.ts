import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { DeletedFinalStateUnknown, type KubeObject } from '@kube-cache/indexer';
import { createListWatch } from '@kube-cache/reflector';
import {
  diffObjectVersions,
  listServerObjects,
  objectVersionOf,
  objectVersions,
  runConcurrently,
  startKubeCluster,
  waitUntil,
  type KubeCluster,
} from '@kube-cache/e2e-harness';
import type { EventHandlerRegistration } from '../handlers/event-handler-registration';
import type { ResourceEventHandler } from '../handlers/resource-event-handler';
import { SharedIndexInformer } from './shared-index-informer';

// A SharedIndexInformer against a real kube-apiserver 1.20.2 + etcd (issue 5, §4): two handlers
// and a custom index follow 10,000 configmaps in all namespaces through churn and an apiserver
// restart, and each handler's view, built only from its own callbacks, ends equal to the server.
// Two informers run side by side over the same objects, one per queue (RealFIFO, DeltaFIFO).

const namespaceCount = 10;
const perNamespace = 1000;
const shardCount = 7;
const shardIndex = 'shard';

/** A handler that rebuilds the world from its callbacks alone, and notes every inconsistency. */
class HandlerView implements ResourceEventHandler<KubeObject> {
  readonly objects = new Map<string, string>();
  readonly anomalies: string[] = [];
  #calls = 0;

  /** @param slow - yield to the event loop now and then, as an async handler doing I/O would. */
  constructor(readonly slow: boolean) {}

  async onAdd(object: KubeObject): Promise<void> {
    await this.#pause();
    const { key, resourceVersion } = objectVersionOf(object);
    if (this.objects.has(key)) this.anomalies.push(`add of a known object ${key}`);
    this.objects.set(key, resourceVersion);
  }

  async onUpdate(oldObject: KubeObject, newObject: KubeObject): Promise<void> {
    await this.#pause();
    const { key, resourceVersion } = objectVersionOf(newObject);
    const seen = this.objects.get(key);
    if (seen === undefined) this.anomalies.push(`update of an unknown object ${key}`);
    else if (seen !== objectVersionOf(oldObject).resourceVersion) {
      this.anomalies.push(
        `update of ${key} from @${objectVersionOf(oldObject).resourceVersion}, last seen @${seen}`,
      );
    }
    this.objects.set(key, resourceVersion);
  }

  async onDelete(object: KubeObject | DeletedFinalStateUnknown<KubeObject>): Promise<void> {
    await this.#pause();
    const key = DeletedFinalStateUnknown.isInstance(object)
      ? object.key
      : objectVersionOf(object).key;
    if (!this.objects.delete(key)) this.anomalies.push(`delete of an unknown object ${key}`);
  }

  async #pause(): Promise<void> {
    this.#calls += 1;
    if (this.slow && this.#calls % 50 === 0) await yieldToEventLoop();
  }
}

function shardOf(object: KubeObject): string[] {
  const shard = object.metadata?.labels?.['shard'];
  return shard === undefined ? [] : [shard];
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}

describe('SharedIndexInformer against a real kube-apiserver', () => {
  let cluster: KubeCluster;
  let core: CoreV1Api;
  let kubeConfig: KubeConfig;
  const subjects = (['real', 'delta'] as const).map((queue) => ({
    queue,
    informer: undefined as SharedIndexInformer<KubeObject> | undefined,
    stop: new AbortController(),
    running: undefined as Promise<void> | undefined,
    errors: [] as unknown[],
    fast: new HandlerView(false),
    slow: new HandlerView(true),
    registrations: [] as EventHandlerRegistration[],
  }));
  // Live names per namespace; a small seeded generator picks what to change.
  const names = new Map<string, string[]>();
  let nextName = 0;
  let randomState = 11;
  const random = (): number => {
    randomState = (Math.imul(randomState, 1103515245) + 12345) >>> 0;
    return randomState / 4294967296;
  };
  const namespaces = Array.from({ length: namespaceCount }, (_, index) => `informer-e2e-${index}`);

  const create = async (namespace: string): Promise<void> => {
    const name = `cm-${String(nextName).padStart(6, '0')}`;
    nextName += 1;
    await core.createNamespacedConfigMap({
      namespace,
      body: {
        metadata: { name, labels: { shard: String(nextName % shardCount) } },
        data: { v: '0' },
      },
    });
    names.get(namespace)?.push(name);
  };

  /** Random creates, updates that move objects between shards, and deletes. */
  const churn = async (operations: number, tolerant: boolean): Promise<void> => {
    await runConcurrently(operations, 12, async (index) => {
      const namespace = namespaces[Math.floor(random() * namespaces.length)] ?? 'default';
      const live = names.get(namespace) ?? [];
      const name = live[Math.floor(random() * live.length)];
      try {
        if (index % 3 === 0 || name === undefined) {
          await create(namespace);
        } else if (index % 3 === 1) {
          await core.replaceNamespacedConfigMap({
            name,
            namespace,
            body: {
              metadata: { name, labels: { shard: String(Math.floor(random() * shardCount)) } },
              data: { v: String(index) },
            },
          });
        } else {
          const position = live.indexOf(name);
          if (position >= 0) live.splice(position, 1);
          await core.deleteNamespacedConfigMap({ name, namespace });
        }
      } catch (error) {
        // Two operations may pick the same name: a 404 or 409 is part of the churn.
        const code = statusCodeOf(error);
        if (!tolerant && code !== 404 && code !== 409) throw error;
      }
    });
  };

  /**
   * Waits until every view of every informer (cache, both handlers, the index) equals a fresh
   * list from etcd, and returns the differences that remain (none, when converged).
   */
  const convergence = async (): Promise<Record<string, string[]>> => {
    let report: Record<string, string[]> = { pending: ['not compared yet'] };
    const compare = async (): Promise<boolean> => {
      const { items } = await listServerObjects(cluster, '/api/v1/configmaps');
      const server = objectVersions(items);
      const shards = new Map<string, string[]>();
      for (const item of items) {
        const object = item as KubeObject;
        for (const shard of shardOf(object)) {
          shards.set(shard, [...(shards.get(shard) ?? []), objectVersionOf(object).key].sort());
        }
      }
      report = {};
      for (const subject of subjects) {
        const indexer = subject.informer?.getIndexer();
        if (indexer === undefined) throw new Error(`the ${subject.queue} informer was not started`);
        const indexDifferences: string[] = [];
        for (let shard = 0; shard < shardCount; shard += 1) {
          const expected = shards.get(String(shard)) ?? [];
          const actual = [...indexer.indexKeys(shardIndex, String(shard))].sort();
          if (JSON.stringify(expected) !== JSON.stringify(actual)) {
            indexDifferences.push(
              `shard ${shard}: server ${expected.length} keys, index ${actual.length}`,
            );
          }
        }
        report[`${subject.queue} cache`] = diffObjectVersions(
          server,
          objectVersions(indexer.list()),
        );
        report[`${subject.queue} fast handler`] = diffObjectVersions(server, subject.fast.objects);
        report[`${subject.queue} slow handler`] = diffObjectVersions(server, subject.slow.objects);
        report[`${subject.queue} index`] = indexDifferences;
      }
      return Object.values(report).every((differences) => differences.length === 0);
    };
    await waitUntil(compare, {
      timeoutMs: 120_000,
      intervalMs: 1500,
      description: 'every view to equal the server',
    }).catch(() => undefined);
    return Object.fromEntries(
      Object.entries(report).filter(([, differences]) => differences.length > 0),
    );
  };

  beforeAll(async () => {
    cluster = await startKubeCluster();
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(cluster.kubeconfigPath);
    core = kubeConfig.makeApiClient(CoreV1Api);
    for (const namespace of namespaces) {
      await core.createNamespace({ body: { metadata: { name: namespace } } });
      names.set(namespace, []);
    }
    await runConcurrently(namespaceCount * perNamespace, 24, (index) =>
      create(namespaces[index % namespaceCount] ?? 'default'),
    );
  });

  afterAll(async () => {
    for (const subject of subjects) subject.stop.abort();
    await Promise.all(subjects.map((subject) => subject.running ?? Promise.resolve()));
    await cluster?.stop();
  });

  it('should sync 10,000 configmaps into the cache, the index and both handlers, with either queue', async () => {
    for (const subject of subjects) {
      const informer = new SharedIndexInformer<KubeObject>({
        listerWatcher: createListWatch<KubeObject>(kubeConfig, {
          apiVersion: 'v1',
          plural: 'configmaps',
        }),
        objectType: { apiVersion: 'v1', kind: 'ConfigMap' },
        indexers: { [shardIndex]: shardOf },
        queue: subject.queue,
        name: `configmaps-${subject.queue}`,
        onError: (error) => subject.errors.push(error),
        reflector: { backoff: { initialMilliseconds: 200, maxMilliseconds: 3000 } },
      });
      subject.informer = informer;
      subject.registrations.push(informer.addEventHandler(subject.fast, { name: 'fast' }));
      subject.registrations.push(informer.addEventHandler(subject.slow, { name: 'slow' }));
      subject.running = informer.run(subject.stop.signal);
    }
    await waitUntil(
      () =>
        subjects.every((subject) =>
          subject.registrations.every((registration) => registration.hasSynced()),
        ),
      { timeoutMs: 120_000, description: 'every handler to sync' },
    );
    for (const subject of subjects) {
      expect(subject.informer?.hasSynced()).toBe(true);
      expect(subject.fast.objects.size).toBeGreaterThanOrEqual(namespaceCount * perNamespace);
    }
    expect(await convergence()).toEqual({});
  });

  it('should follow churn that moves objects between index values', async () => {
    await churn(3000, false);
    expect(await convergence()).toEqual({});
  });

  it('should follow churn through an apiserver restart', async () => {
    const background = churn(1500, true);
    await cluster.restartApiserver();
    await background;
    await churn(600, false);
    expect(await convergence()).toEqual({});
  });

  it('should have given each handler a consistent story and reported no errors', () => {
    for (const subject of subjects) {
      expect({ queue: subject.queue, anomalies: subject.fast.anomalies }).toEqual({
        queue: subject.queue,
        anomalies: [],
      });
      expect({ queue: subject.queue, anomalies: subject.slow.anomalies }).toEqual({
        queue: subject.queue,
        anomalies: [],
      });
      expect({ queue: subject.queue, errors: subject.errors }).toEqual({
        queue: subject.queue,
        errors: [],
      });
    }
  });
});
