import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { DeletedFinalStateUnknown, type KubeObject } from '@kube-cache/indexer';
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
import { createListWatch } from './list-watch';
import { Reflector } from './reflector';
import type { ReflectorEvent, ReflectorStore } from './reflector-types';

// The reflector and createListWatch against a real kube-apiserver 1.20.2 + etcd (issue 4, §4).
// One cluster for the file; the steps build on each other (sync, churn, restart, compaction) as a
// long-running cache would live through them, and after each the cache must equal the server.

const namespace = 'reflector-e2e';
const collectionPath = `/api/v1/namespaces/${namespace}/configmaps`;
const seedCount = 3000;
const pageSize = 500;

/** A plain key -> object store, so that what the reflector wrote is all that is checked. */
class MapStore implements ReflectorStore<KubeObject> {
  readonly objects = new Map<string, KubeObject>();
  add(object: KubeObject): void {
    this.objects.set(objectVersionOf(object).key, object);
  }
  update(object: KubeObject): void {
    this.objects.set(objectVersionOf(object).key, object);
  }
  delete(object: KubeObject | DeletedFinalStateUnknown<KubeObject>): void {
    this.objects.delete(
      DeletedFinalStateUnknown.isInstance(object) ? object.key : objectVersionOf(object).key,
    );
  }
  replace(list: readonly KubeObject[]): void {
    this.objects.clear();
    for (const object of list) this.add(object);
  }
  resync(): void {}
}

/** A small seeded generator, so that a failing churn can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}

describe('Reflector with createListWatch against a real kube-apiserver', () => {
  let cluster: KubeCluster;
  let core: CoreV1Api;
  let kubeConfig: KubeConfig;
  const store = new MapStore();
  const events: ReflectorEvent[] = [];
  const watchErrors: unknown[] = [];
  const stopReflector = new AbortController();
  let reflector: Reflector<KubeObject>;
  let running: Promise<void> | undefined;
  const names: string[] = [];
  let nextName = 0;
  const random = seededRandom(4);

  const createConfigMap = async (): Promise<void> => {
    const name = `cm-${String(nextName).padStart(6, '0')}`;
    nextName += 1;
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name }, data: { value: '0' } },
    });
    names.push(name);
  };

  const pickName = (): string | undefined => names[Math.floor(random() * names.length)];

  /** Random creates, updates and deletes; `tolerant` swallows every failure (server down). */
  const churn = async (operations: number, tolerant: boolean): Promise<void> => {
    await runConcurrently(operations, 8, async (index) => {
      try {
        const choice = index % 3;
        const name = pickName();
        if (choice === 0 || name === undefined) {
          await createConfigMap();
        } else if (choice === 1) {
          await core.replaceNamespacedConfigMap({
            name,
            namespace,
            body: { metadata: { name }, data: { value: String(index), at: String(random()) } },
          });
        } else {
          names.splice(names.indexOf(name), 1);
          await core.deleteNamespacedConfigMap({ name, namespace });
        }
      } catch (error) {
        // Two operations may pick the same name: a 404 or 409 is part of the churn.
        const code = statusCodeOf(error);
        if (!tolerant && code !== 404 && code !== 409) throw error;
      }
    });
  };

  /** Waits until the store equals a fresh list from etcd, then asserts it (with a diff). */
  const expectConverged = async (timeoutMs = 120_000): Promise<void> => {
    let differences: string[] = ['not compared yet'];
    await waitUntil(
      async () => {
        const server = objectVersions((await listServerObjects(cluster, collectionPath)).items);
        differences = diffObjectVersions(server, objectVersions(store.objects.values()));
        return differences.length === 0;
      },
      { timeoutMs, intervalMs: 1000, description: 'the reflector store to equal the server' },
    ).catch(() => undefined);
    if (differences.length > 0) {
      // What the reflector went through, to tell a reflector bug from a harness one.
      const summary = events
        .slice(-40)
        .map((event) =>
          event.type === 'relisting'
            ? `relisting(${event.reason})`
            : event.type === 'backoff' || event.type === 'error' || event.type === 'watch-ended'
              ? `${event.type}(${String((event as { error?: unknown }).error)})`
              : event.type === 'watch-started'
                ? `watch-started(${event.resourceVersion})`
                : event.type,
        );
      console.error(
        `last reflector events:\n${summary.join('\n')}\nwatch errors: ${watchErrors.map(String).join('\n')}`,
      );
    }
    expect(differences).toEqual([]);
  };

  beforeAll(async () => {
    cluster = await startKubeCluster();
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(cluster.kubeconfigPath);
    core = kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await runConcurrently(seedCount, 16, createConfigMap);
  });

  afterAll(async () => {
    stopReflector.abort();
    await running;
    await cluster?.stop();
  });

  it('should list thousands of configmaps in pages through createListWatch, in one shape', async () => {
    const listWatch = createListWatch<KubeObject>(kubeConfig, {
      apiVersion: 'v1',
      plural: 'configmaps',
      namespace,
    });
    let pages = 0;
    let continueToken: string | undefined;
    const listed: KubeObject[] = [];
    do {
      const page = await listWatch.list(
        { resourceVersion: '', limit: pageSize, continue: continueToken },
        AbortSignal.timeout(60_000),
      );
      pages += 1;
      listed.push(...page.items);
      continueToken = page.continue;
    } while (continueToken !== undefined);
    expect(pages).toBe(Math.ceil(seedCount / pageSize));
    expect(listed).toHaveLength(seedCount);
    expect(new Set(listed.map((object) => `${object.apiVersion}/${object.kind}`))).toEqual(
      new Set(['v1/ConfigMap']),
    );
  });

  it('should sync every configmap and equal the server', async () => {
    reflector = new Reflector<KubeObject>({
      listerWatcher: createListWatch<KubeObject>(kubeConfig, {
        apiVersion: 'v1',
        plural: 'configmaps',
        namespace,
      }),
      store,
      name: 'configmaps-e2e',
      expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
      pageSize,
      backoff: { initialMilliseconds: 200, maxMilliseconds: 3000 },
      onWatchError: (error) => watchErrors.push(error),
    });
    reflector.events.subscribe((event) => {
      events.push(event);
      // KUBE_CACHE_E2E_DEBUG=1 shows the reflector's life as it happens.
      if (process.env['KUBE_CACHE_E2E_DEBUG'] === '1') {
        process.stderr.write(
          `${new Date().toISOString()} ${JSON.stringify(event, (key, value: unknown) => (key === 'error' ? String(value) : value))}\n`,
        );
      }
    });
    running = reflector.run(stopReflector.signal);
    await reflector.waitForSync(AbortSignal.timeout(120_000));
    expect(reflector.hasSynced()).toBe(true);
    expect(reflector.lastSyncResourceVersion()).not.toBe('');
    expect(store.objects.size).toBe(seedCount);
    await expectConverged();
  });

  it('should follow creates, updates and deletes', async () => {
    await churn(900, false);
    await expectConverged();
    expect(store.objects.size).toBe(names.length);
  });

  it('should survive an apiserver restart in the middle of churn', async () => {
    const watchesBefore = events.filter((event) => event.type === 'watch-started').length;
    const background = churn(600, true);
    await cluster.restartApiserver();
    await background;
    await churn(300, false);
    await expectConverged();
    // The restart cut the watch; the reflector opened a new one.
    expect(events.filter((event) => event.type === 'watch-started').length).toBeGreaterThan(
      watchesBefore,
    );
  });

  it('should relist after etcd compaction expires its watch (410) and converge', async () => {
    const eventsBefore = events.length;
    // Writes to another resource move etcd's revision past the reflector's last configmap
    // resourceVersion, so that after compaction that version is gone from etcd.
    await runConcurrently(20, 4, (index) =>
      core
        .createNamespacedSecret({
          namespace,
          body: { metadata: { name: `bump-${index}` }, stringData: { a: 'b' } },
        })
        .then(() => undefined),
    );
    await cluster.compactEtcd();
    // 1.20 still serves the old resourceVersion from its watch cache; a restart empties the
    // cache, and the re-opened watch gets 410 Expired.
    await cluster.restartApiserver();
    await waitUntil(
      () =>
        events
          .slice(eventsBefore)
          .some((event) => event.type === 'relisting' && event.reason === 'expired'),
      { timeoutMs: 120_000, description: 'a relist after 410 Expired' },
    );
    // A few writes let a quiet configmap watch cache catch up with a list's newer resourceVersion
    // (1.20 answers 504 ResourceVersionTooLarge until it has).
    await churn(60, false);
    await expectConverged();
    const after = events.slice(eventsBefore);
    const expiredAt = after.findIndex(
      (event) => event.type === 'relisting' && event.reason === 'expired',
    );
    // The 410 reached the error handler, and a full list replaced the store after it.
    expect(watchErrors.some((error) => statusCodeOf(error) === 410)).toBe(true);
    expect(after.slice(expiredAt).some((event) => event.type === 'synced')).toBe(true);
  });

  it('should stop promptly when its signal aborts', async () => {
    stopReflector.abort();
    await running;
    expect(reflector.isWatching()).toBe(false);
  });
});
