import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { Cache, metaNamespaceKeyFunc, type KubeObject } from '@kube-cache/indexer';
import { seededRandom } from '@kube-cache/testing';
import {
  diffObjectVersions,
  listServerObjects,
  objectVersions,
  runConcurrently,
  startKubeCluster,
  waitUntil,
  type KubeCluster,
} from '@kube-cache/e2e-harness';
import { isTooLargeResourceVersionError } from '../errors/api-error-predicates';
import { createListWatch } from '../list-watch/list-watch';
import { Reflector } from './reflector';
import type { ReflectorEvent, ReflectorOptions } from './reflector-types';

// The reflector and createListWatch against a real kube-apiserver 1.20.2 + etcd (issue 4, §4).
// One cluster for the file. Each reflector lives through sync, churn, an apiserver restart and
// etcd compaction, as a long-running cache would, and after each step its store must equal a
// fresh list from etcd, object by object with its resourceVersion.
// KUBE_CACHE_E2E_DEBUG=1 prints every reflector event as it happens.

const seedCount = 3000;
const pageSize = 500;

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}

function describeEvent(event: ReflectorEvent): string {
  return JSON.stringify(event, (key, value: unknown) => (key === 'error' ? String(value) : value));
}

let cluster: KubeCluster;
let kubeConfig: KubeConfig;
let core: CoreV1Api;

/** Configmaps in one namespace, and random creates, updates and deletes of them. */
class ConfigMapChurn {
  readonly names: string[] = [];
  readonly #random: () => number;
  #nextName = 0;

  constructor(
    readonly namespace: string,
    seed: number,
  ) {
    this.#random = seededRandom(seed);
  }

  get collectionPath(): string {
    return `/api/v1/namespaces/${this.namespace}/configmaps`;
  }

  async seed(count: number): Promise<void> {
    await core.createNamespace({ body: { metadata: { name: this.namespace } } });
    await runConcurrently(count, 16, () => this.#create());
  }

  /** `operations` random changes; `tolerant` swallows every failure (server down). */
  async run(operations: number, tolerant: boolean): Promise<void> {
    await runConcurrently(operations, 8, async (index) => {
      try {
        const name = this.names[Math.floor(this.#random() * this.names.length)];
        if (index % 3 === 0 || name === undefined) {
          await this.#create();
        } else if (index % 3 === 1) {
          await core.replaceNamespacedConfigMap({
            name,
            namespace: this.namespace,
            body: {
              metadata: { name },
              data: { value: String(index), at: String(this.#random()) },
            },
          });
        } else {
          const position = this.names.indexOf(name);
          if (position >= 0) this.names.splice(position, 1);
          await core.deleteNamespacedConfigMap({ name, namespace: this.namespace });
        }
      } catch (error) {
        // Two operations may pick the same name: a 404 or 409 is part of the churn.
        const code = statusCodeOf(error);
        if (!tolerant && code !== 404 && code !== 409) throw error;
      }
    });
  }

  async #create(): Promise<void> {
    const name = `cm-${String(this.#nextName).padStart(6, '0')}`;
    this.#nextName += 1;
    await core.createNamespacedConfigMap({
      namespace: this.namespace,
      body: { metadata: { name }, data: { value: '0' } },
    });
    this.names.push(name);
  }
}

/** One running reflector over a namespace's configmaps, with what it reported. */
class ReflectorUnderTest {
  readonly store = new Cache<KubeObject>(metaNamespaceKeyFunc);
  readonly events: ReflectorEvent[] = [];
  readonly watchErrors: unknown[] = [];
  readonly reflector: Reflector<KubeObject>;
  readonly #stop = new AbortController();
  #running: Promise<void> | undefined;

  constructor(
    readonly churn: ConfigMapChurn,
    options: Partial<ReflectorOptions<KubeObject>> = {},
  ) {
    this.reflector = new Reflector<KubeObject>({
      listerWatcher: createListWatch<KubeObject>(kubeConfig, {
        apiVersion: 'v1',
        plural: 'configmaps',
        namespace: churn.namespace,
      }),
      store: this.store,
      name: `configmaps-${churn.namespace}`,
      expectedType: { apiVersion: 'v1', kind: 'ConfigMap' },
      backoff: { initialMilliseconds: 200, maxMilliseconds: 3000 },
      onWatchError: (error) => this.watchErrors.push(error),
      ...options,
    });
    this.reflector.events.subscribe((event) => {
      this.events.push(event);
      if (process.env['KUBE_CACHE_E2E_DEBUG'] === '1') {
        process.stderr.write(
          `${new Date().toISOString()} ${churn.namespace} ${describeEvent(event)}\n`,
        );
      }
    });
  }

  start(): void {
    this.#running = this.reflector.run(this.#stop.signal);
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#running;
  }

  count(type: ReflectorEvent['type']): number {
    return this.events.filter((event) => event.type === type).length;
  }

  /** Waits until the store equals a fresh list from etcd, then asserts it (with a diff). */
  async expectConverged(timeoutMs = 90_000): Promise<void> {
    let differences: string[] = ['not compared yet'];
    await waitUntil(
      async () => {
        const server = objectVersions(
          (await listServerObjects(cluster, this.churn.collectionPath)).items,
        );
        differences = diffObjectVersions(server, objectVersions(this.store.list()));
        return differences.length === 0;
      },
      { timeoutMs, intervalMs: 1000, description: 'the reflector store to equal the server' },
    ).catch(() => undefined);
    if (differences.length > 0) {
      // What the reflector went through, to tell a reflector bug from a harness one.
      process.stderr.write(
        `last events of ${this.reflector.name}:\n${this.events.slice(-30).map(describeEvent).join('\n')}\n`,
      );
    }
    expect(differences).toEqual([]);
  }
}

/** Moves etcd's revision on with writes to another resource (secrets). */
async function bumpEtcdRevision(namespace: string, prefix: string): Promise<void> {
  await runConcurrently(20, 4, (index) =>
    core
      .createNamespacedSecret({
        namespace,
        body: { metadata: { name: `${prefix}-${index}` }, stringData: { a: 'b' } },
      })
      .then(() => undefined),
  );
}

beforeAll(async () => {
  cluster = await startKubeCluster();
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  core = kubeConfig.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await cluster?.stop();
});

describe('createListWatch against a real kube-apiserver', () => {
  const churn = new ConfigMapChurn('list-watch-e2e', 1);

  beforeAll(async () => {
    await churn.seed(1200);
  });

  it('should list every configmap in pages, each in one shape with apiVersion and kind', async () => {
    const listWatch = createListWatch<KubeObject>(kubeConfig, {
      apiVersion: 'v1',
      plural: 'configmaps',
      namespace: churn.namespace,
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
    expect(pages).toBe(Math.ceil(1200 / pageSize));
    expect(listed).toHaveLength(1200);
    expect(new Set(listed.map((object) => `${object.apiVersion}/${object.kind}`))).toEqual(
      new Set(['v1/ConfigMap']),
    );
  });

  it('should watch from a list resourceVersion and see each change once, in order', async () => {
    const listWatch = createListWatch<KubeObject>(kubeConfig, {
      apiVersion: 'v1',
      plural: 'configmaps',
      namespace: churn.namespace,
    });
    const { resourceVersion } = await listWatch.list(
      { resourceVersion: '0' },
      AbortSignal.timeout(60_000),
    );
    const stop = new AbortController();
    const stream = await listWatch.watch(
      { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 60 },
      stop.signal,
    );
    const created = await core.createNamespacedConfigMap({
      namespace: churn.namespace,
      body: { metadata: { name: 'watched' } },
    });
    await core.replaceNamespacedConfigMap({
      name: 'watched',
      namespace: churn.namespace,
      body: { metadata: { name: 'watched' }, data: { a: '1' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'watched', namespace: churn.namespace });
    const seen: string[] = [];
    for await (const event of stream) {
      if (event.type === 'BOOKMARK' || event.type === 'ERROR') continue;
      seen.push(`${event.type} ${event.object.kind ?? '?'} ${event.object.metadata?.name ?? '?'}`);
      if (event.type === 'DELETED') break;
    }
    stop.abort();
    expect(seen).toEqual([
      'ADDED ConfigMap watched',
      'MODIFIED ConfigMap watched',
      'DELETED ConfigMap watched',
    ]);
    expect(created.metadata?.uid).toBeDefined();
  });

  it('should reject a list from a resourceVersion the watch cache has not reached as too large, and accept a watch', async () => {
    const listWatch = createListWatch<KubeObject>(kubeConfig, {
      apiVersion: 'v1',
      plural: 'configmaps',
      namespace: churn.namespace,
    });
    // Writes to secrets move etcd's revision on; the configmap watch cache does not see them.
    await bumpEtcdRevision(churn.namespace, 'too-large');
    const { resourceVersion } = await listWatch.list(
      { resourceVersion: '', limit: 1 },
      AbortSignal.timeout(60_000),
    );
    const tooLarge = String(Number(resourceVersion) + 1_000_000);
    const listError = await listWatch
      .list(
        { resourceVersion: tooLarge, resourceVersionMatch: 'NotOlderThan' },
        AbortSignal.timeout(60_000),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isTooLargeResourceVersionError(listError)).toBe(true);

    // A watch from that version is accepted, not refused: 1.20's watch cache skips what it has
    // not seen and delivers what comes after.
    const stop = new AbortController();
    const stream = await listWatch.watch({ resourceVersion, timeoutSeconds: 30 }, stop.signal);
    await core.createNamespacedConfigMap({
      namespace: churn.namespace,
      body: { metadata: { name: 'after-bump' } },
    });
    const seen: string[] = [];
    for await (const event of stream) {
      if (event.type === 'BOOKMARK') continue;
      seen.push(
        `${event.type} ${event.type === 'ERROR' ? String(event.object.code) : (event.object.metadata?.name ?? '?')}`,
      );
      break;
    }
    stop.abort();
    expect(seen).toEqual(['ADDED after-bump']);
  });
});

describe('Reflector (default options) against a real kube-apiserver', () => {
  const churn = new ConfigMapChurn('reflector-e2e', 4);
  let subject: ReflectorUnderTest;

  beforeAll(async () => {
    await churn.seed(seedCount);
    subject = new ReflectorUnderTest(churn);
  });

  afterAll(async () => {
    await subject?.stop();
  });

  it('should sync thousands of configmaps and equal the server', async () => {
    subject.start();
    await subject.reflector.waitForSync(AbortSignal.timeout(120_000));
    expect(subject.reflector.hasSynced()).toBe(true);
    expect(subject.reflector.lastSyncResourceVersion()).not.toBe('');
    expect(subject.store.listKeys().length).toBe(seedCount);
    await subject.expectConverged();
  });

  it('should follow creates, updates and deletes', async () => {
    await churn.run(900, false);
    await subject.expectConverged();
    expect(subject.store.listKeys().length).toBe(churn.names.length);
  });

  it('should survive an apiserver restart in the middle of churn', async () => {
    const watchesBefore = subject.count('watch-started');
    const background = churn.run(600, true);
    await cluster.restartApiserver();
    await background;
    await churn.run(300, false);
    await subject.expectConverged();
    // The restart cut the watch; the reflector opened a new one.
    expect(subject.count('watch-started')).toBeGreaterThan(watchesBefore);
  });

  it('should relist after etcd compaction expires its watch (410) and converge', async () => {
    const eventsBefore = subject.events.length;
    // Writes to another resource move etcd's revision past the reflector's last configmap
    // resourceVersion, so that after compaction that version is gone from etcd.
    await bumpEtcdRevision(churn.namespace, 'bump-a');
    await cluster.compactEtcd();
    // 1.20 still serves the old resourceVersion from its watch cache; a restart empties the
    // cache, and the re-opened watch gets 410 Expired.
    await cluster.restartApiserver();
    await waitUntil(
      () =>
        subject.events
          .slice(eventsBefore)
          .some((event) => event.type === 'relisting' && event.reason === 'expired'),
      { timeoutMs: 120_000, description: 'a relist after 410 Expired' },
    );
    // A few writes let a quiet configmap watch cache catch up with a list's newer resourceVersion
    // (1.20 answers 504 ResourceVersionTooLarge until it has).
    await churn.run(60, false);
    await subject.expectConverged();
    const after = subject.events.slice(eventsBefore);
    const expiredAt = after.findIndex(
      (event) => event.type === 'relisting' && event.reason === 'expired',
    );
    // The 410 reached the error handler, and a full list replaced the store after it.
    expect(subject.watchErrors.some((error) => statusCodeOf(error) === 410)).toBe(true);
    expect(after.slice(expiredAt).some((event) => event.type === 'synced')).toBe(true);
  });

  it('should stop promptly when its signal aborts', async () => {
    await subject.stop();
    expect(subject.reflector.isWatching()).toBe(false);
  });
});

describe('Reflector with an explicit pageSize against a real kube-apiserver', () => {
  const churn = new ConfigMapChurn('reflector-paged-e2e', 9);
  let subject: ReflectorUnderTest;

  beforeAll(async () => {
    await churn.seed(1500);
    subject = new ReflectorUnderTest(churn, { pageSize });
  });

  afterAll(async () => {
    await subject?.stop();
  });

  it('should sync and follow churn', async () => {
    subject.start();
    await subject.reflector.waitForSync(AbortSignal.timeout(120_000));
    await churn.run(300, false);
    await subject.expectConverged();
    expect(subject.store.listKeys().length).toBe(churn.names.length);
  });

  // On 1.20 a list with a resourceVersion and a limit but no resourceVersionMatch is an exact
  // read at that version (the legacy semantics). After a restart, the watch from the last
  // version gets 410; a relist that re-reads exactly that version and watches from it again
  // would loop on 410 for ever while the server moves on.
  it('should not go back in time after an apiserver restart: relist, watch again and converge', async () => {
    const watchesBefore = subject.count('watch-started');
    const background = churn.run(300, true);
    await cluster.restartApiserver();
    await background;
    await churn.run(150, false);
    await subject.expectConverged();
    expect(subject.count('watch-started')).toBeGreaterThan(watchesBefore);
  });

  it('should relist in pages after etcd compaction expires its watch (410) and converge', async () => {
    const pagesBefore = subject.count('list-page');
    await bumpEtcdRevision(churn.namespace, 'bump-b');
    await cluster.compactEtcd();
    await cluster.restartApiserver();
    await churn.run(60, false);
    await subject.expectConverged();
    // The relist of an expired version reads from etcd (resourceVersion ""), in pages.
    expect(subject.count('list-page') - pagesBefore).toBeGreaterThanOrEqual(
      Math.ceil(1500 / pageSize),
    );
  });
});
