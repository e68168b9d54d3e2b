import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { TcpProxy, proxiedKubeconfig, startKubeCluster, waitUntil } from '@kube-cache/e2e-harness';
import type { KubeCluster } from '@kube-cache/e2e-harness';
import { KubeTransport } from '@kube-cache/reflector';
import { seededRandom } from '@kube-cache/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSource } from './replication-model.test-support';
import { canonical, expectedCopies, systemNamespaces } from './replication-model.test-support';
import { runReplicator } from './run-replicator';

// The seed is printed so that a failing run can be replayed with REPLICATOR_E2E_SEED.
const seed = Number(process.env.REPLICATOR_E2E_SEED ?? Date.now() % 1_000_000);
const random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const toAnnotation = 'replicator.kube-cache.dev/replicate-to';
const selectorAnnotation = 'replicator.kube-cache.dev/replicate-to-selector';
const replicaSelector = 'replicator.kube-cache.dev/replica=true';

let cluster: KubeCluster;
// The test's own record of the cluster: the expectation is computed from it alone.
const namespaces = new Map<string, Record<string, string>>();
const sources = new Map<string, ModelSource>();
const plain = new Map<string, ModelSource>();
const foreign = new Map<string, string>();

const keyOf = (object: Pick<ModelSource, 'kind' | 'namespace' | 'name'>): string =>
  `${object.kind} ${object.namespace}/${object.name}`;
const pathOf = (kind: string, namespace: string, name?: string): string =>
  `/api/v1/namespaces/${namespace}/${kind === 'Secret' ? 'secrets' : 'configmaps'}${name === undefined ? '' : `/${name}`}`;
const value = (kind: string, text: string): string =>
  kind === 'Secret' ? Buffer.from(text).toString('base64') : text;

/** A write as the admin, independent of the code under test; 404s are fine for copies. */
async function write(
  method: string,
  path: string,
  body: unknown,
  allowNotFound = false,
): Promise<void> {
  const response = await cluster.request(method, path, body);
  if (response.status >= 300 && !(allowNotFound && response.status === 404)) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
  }
}

async function createNamespace(name: string, labels: Record<string, string>): Promise<void> {
  await write('POST', '/api/v1/namespaces', { metadata: { name, labels } });
  namespaces.set(name, labels);
}

function annotationsOf(source: ModelSource): Record<string, string> {
  return {
    ...(source.to === undefined ? {} : { [toAnnotation]: source.to }),
    ...(source.selector === undefined ? {} : { [selectorAnnotation]: source.selector }),
  };
}

async function createObject(source: ModelSource): Promise<void> {
  await write('POST', pathOf(source.kind, source.namespace), {
    apiVersion: 'v1',
    kind: source.kind,
    metadata: {
      name: source.name,
      namespace: source.namespace,
      annotations: annotationsOf(source),
    },
    data: source.data,
  });
}

function randomTargets(): Pick<ModelSource, 'to' | 'selector'> {
  const roll = random();
  if (roll < 0.05) return { to: '*' };
  if (roll < 0.3) return { selector: pick(['env=prod', 'tier=a']) };
  const names = [...namespaces.keys()].filter((name) => name.startsWith('ns-'));
  const count = 1 + Math.floor(random() * 3);
  const listed = Array.from({ length: count }, () => pick(names));
  // Sometimes a namespace that does not exist yet: its copy appears when it is created.
  if (random() < 0.1) listed.push(pick(['late-1', 'late-2', 'late-3']));
  return { to: listed.join(',') };
}

/** Every copy in the cluster, read with plain requests: `Kind ns/name` -> source and data. */
async function actualCopies(): Promise<Map<string, string>> {
  const actual = new Map<string, string>();
  for (const kind of ['ConfigMap', 'Secret']) {
    const plural = kind === 'Secret' ? 'secrets' : 'configmaps';
    const response = await cluster.request(
      'GET',
      `/api/v1/${plural}?labelSelector=${encodeURIComponent(replicaSelector)}`,
    );
    if (response.status !== 200) throw new Error(`listing ${plural}: HTTP ${response.status}`);
    const list = JSON.parse(response.text) as {
      items: Array<{
        metadata: { namespace: string; name: string; annotations?: Record<string, string> };
        data?: Record<string, string>;
      }>;
    };
    for (const item of list.items) {
      const source = item.metadata.annotations?.['replicator.kube-cache.dev/source'] ?? '?';
      actual.set(
        `${kind} ${item.metadata.namespace}/${item.metadata.name}`,
        `${source} ${canonical(item.data)}`,
      );
    }
  }
  return actual;
}

function differences(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const [key, wanted] of expected) {
    const found = actual.get(key);
    if (found !== wanted) lines.push(`${key}: want ${wanted}, have ${found ?? 'nothing'}`);
  }
  for (const [key, found] of actual) {
    if (!expected.has(key)) lines.push(`${key}: unexpected copy ${found}`);
  }
  return lines;
}

async function converged(what: string): Promise<void> {
  let last: string[] = [];
  try {
    await waitUntil(
      async () => {
        last = differences(
          expectedCopies(sources.values(), namespaces, new Set(foreign.keys())),
          await actualCopies(),
        );
        return last.length === 0;
      },
      { timeoutMs: 90_000, intervalMs: 1000, description: what },
    );
  } catch (error) {
    throw new Error(
      `${what}: ${last.length} differences (seed ${seed}):\n${last.slice(0, 20).join('\n')}`,
      {
        cause: error,
      },
    );
  }
  // The objects the replicator did not make are exactly as they were.
  for (const [key, data] of foreign) {
    const [kind = '', place = ''] = key.split(' ');
    const [namespace = '', name = ''] = place.split('/');
    const response = await cluster.request('GET', pathOf(kind, namespace, name));
    const object = JSON.parse(response.text) as {
      data?: Record<string, string>;
      metadata: { labels?: object };
    };
    expect({ key, data: canonical(object.data), labels: object.metadata.labels ?? {} }).toEqual({
      key,
      data,
      labels: {},
    });
  }
}

/** One random change, as users make them: sources edited, re-targeted, un-annotated, deleted; copies deleted or edited. */
async function churnOnce(step: number): Promise<void> {
  const roll = random();
  const sourceList = [...sources.values()];
  if (roll < 0.35 && sourceList.length > 0) {
    const source = pick(sourceList);
    source.data = { ...source.data, version: value(source.kind, `v${step}`) };
    await write('PATCH', pathOf(source.kind, source.namespace, source.name), { data: source.data });
  } else if (roll < 0.7) {
    const copies = [...expectedCopies(sourceList, namespaces, new Set(foreign.keys())).keys()];
    if (copies.length === 0) return;
    const [kind = '', place = ''] = pick(copies).split(' ');
    const [namespace = '', name = ''] = place.split('/');
    if (roll < 0.55) await write('DELETE', pathOf(kind, namespace, name), undefined, true);
    else
      await write(
        'PATCH',
        pathOf(kind, namespace, name),
        { data: { edited: value(kind, 'by hand') } },
        true,
      );
  } else if (roll < 0.8 && sourceList.length > 0) {
    const source = pick(sourceList);
    const targets = randomTargets();
    // A merge patch: null removes the annotation the source no longer has.
    await write('PATCH', pathOf(source.kind, source.namespace, source.name), {
      metadata: {
        annotations: {
          [toAnnotation]: targets.to ?? null,
          [selectorAnnotation]: targets.selector ?? null,
        },
      },
    });
    source.to = targets.to;
    source.selector = targets.selector;
  } else if (roll < 0.85 && sourceList.length > 0) {
    const source = pick(sourceList);
    await write('PATCH', pathOf(source.kind, source.namespace, source.name), {
      metadata: { annotations: { [toAnnotation]: null, [selectorAnnotation]: null } },
    });
    sources.delete(keyOf(source));
    plain.set(keyOf(source), { ...source, to: undefined, selector: undefined });
  } else if (roll < 0.9 && plain.size > 0) {
    const object = pick([...plain.values()]);
    Object.assign(object, randomTargets());
    await write('PATCH', pathOf(object.kind, object.namespace, object.name), {
      metadata: { annotations: annotationsOf(object) },
    });
    plain.delete(keyOf(object));
    sources.set(keyOf(object), object);
  } else if (sourceList.length > 0) {
    const source = pick(sourceList);
    await write('DELETE', pathOf(source.kind, source.namespace, source.name), undefined);
    sources.delete(keyOf(source));
  }
}

async function churn(count: number): Promise<void> {
  for (let step = 0; step < count; step += 1) await churnOnce(step);
}

beforeAll(async () => {
  console.log(`replicator e2e seed: ${seed}`);
  cluster = await startKubeCluster();
  for (const name of systemNamespaces) namespaces.set(name, {});
  for (let index = 0; index < 20; index += 1) {
    const name = `ns-${String(index).padStart(2, '0')}`;
    await createNamespace(name, {
      env: index % 2 === 0 ? 'prod' : 'dev',
      tier: index % 4 < 2 ? 'a' : 'b',
    });
  }
  for (let index = 0; index < 220; index += 1) {
    const kind = index % 3 === 0 ? 'Secret' : 'ConfigMap';
    const object: ModelSource = {
      kind,
      namespace: `ns-${String(index % 20).padStart(2, '0')}`,
      // Names are unique across namespaces, so that two sources never want the same copy.
      name: `${kind === 'Secret' ? 'secret' : 'config'}-${index}`,
      data: { version: value(kind, 'v0'), index: value(kind, String(index)) },
      ...(index < 200 ? randomTargets() : {}),
    };
    await createObject(object);
    (index < 200 ? sources : plain).set(keyOf(object), object);
  }
  // Names taken by someone else in a target namespace: the replicator must leave them alone.
  for (const source of [...sources.values()]
    .filter((entry) => entry.to?.startsWith('ns-'))
    .slice(0, 5)) {
    const namespace = (source.to ?? '').split(',')[0] ?? '';
    if (namespace === source.namespace || foreign.has(keyOf({ ...source, namespace }))) continue;
    const data = { owner: value(source.kind, 'someone else') };
    await createObject({ kind: source.kind, namespace, name: source.name, data });
    foreign.set(keyOf({ ...source, namespace }), canonical(data));
  }
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('the replicator on a real kube-apiserver', () => {
  it('should converge to exactly the expected copies through churn, an API server restart and a stalled connection', async () => {
    const proxy = await TcpProxy.start({ targetPort: Number(new URL(cluster.server).port) });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(JSON.stringify(proxiedKubeconfig(cluster, proxy)));
    // Short health checks so that the stalled connection is noticed within seconds.
    const transport = new KubeTransport({
      kubeConfig,
      readIdleTimeoutMilliseconds: 2000,
      pingTimeoutMilliseconds: 2000,
    });
    const stop = new AbortController();
    const lines: string[] = [];
    const running = runReplicator({
      kubeConfig,
      transport,
      workers: 4,
      requestTimeoutMilliseconds: 5000,
      signal: stop.signal,
      log: (line) => lines.push(line),
    });
    try {
      await converged('the initial copies');
      expect(
        lines.some((line) => line.startsWith('skipped ') && line.includes('the name is taken')),
      ).toBe(true);

      await churn(60);
      await createNamespace('late-1', { env: 'prod' });
      await cluster.restartApiserver();
      await churn(60);
      await createNamespace('late-2', { tier: 'a' });
      expect(proxy.stall()).toBeGreaterThan(0);
      await churn(60);
      await createNamespace('late-3', {});
      await converged('the copies after churn, a restart and a stall');
    } finally {
      stop.abort();
      // A clean exit: the queue drains and the informers stop.
      await expect(running).resolves.toBe('stopped');
      await transport.close();
      await proxy.close();
    }
  });

  it('should converge with two leader-elected replicas when the active one is killed mid-churn', async () => {
    // The replicator's own process (not the bin wrapper), so that SIGKILL kills the replica itself.
    const main = fileURLToPath(new URL('main.ts', import.meta.url));
    const output = new Map<string, string>();
    const start = (identity: string): ChildProcess => {
      const child = spawn(
        process.execPath,
        [
          '--conditions=@kube-cache/source',
          '--import',
          import.meta.resolve('tsx'),
          main,
          '--kubeconfig',
          cluster.kubeconfigPath,
          '--leader-elect',
          '--leader-elect-lease',
          'default/replicator-e2e',
          '--identity',
          identity,
          '--workers',
          '3',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      output.set(identity, '');
      const append = (chunk: Buffer): void =>
        void output.set(identity, (output.get(identity) ?? '') + chunk.toString());
      child.stdout?.on('data', append);
      child.stderr?.on('data', append);
      return child;
    };
    const replicas = { one: start('one'), two: start('two') };
    try {
      const leader = await waitUntil(
        () =>
          (['one', 'two'] as const).find((identity) =>
            output.get(identity)?.includes(`${identity}: leading`),
          ),
        { timeoutMs: 60_000, description: 'a leader' },
      );
      const follower = leader === 'one' ? 'two' : 'one';
      await churn(40);
      const killed = new Promise((resolve) => replicas[leader].once('exit', resolve));
      replicas[leader].kill('SIGKILL');
      await killed;
      await churn(40);
      await createNamespace('late-4', { env: 'prod' });
      await waitUntil(() => output.get(follower)?.includes(`${follower}: leading`), {
        timeoutMs: 60_000,
        description: 'the follower to take over',
      });
      await converged('the copies after the leader was killed');
      const exited = new Promise<number | null>((resolve) =>
        replicas[follower].once('exit', resolve),
      );
      replicas[follower].kill('SIGTERM');
      expect(await exited).toBe(0);
    } catch (error) {
      const texts = [...output].map(([identity, text]) => `--- ${identity}\n${text.slice(-3000)}`);
      throw new Error(`replica output:\n${texts.join('\n')}`, { cause: error });
    } finally {
      for (const child of Object.values(replicas))
        if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
