import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { FakeApiServer, generatePods } from '@kube-cache/testing';
import { runKubeIndex } from './run-kube-index';
import type { KubeIndexIo } from './run-kube-index';

let server: FakeApiServer;
let directory: string;

beforeAll(async () => {
  server = await FakeApiServer.start({ https: true });
  await server.seed(generatePods({ count: 120, namespaces: 3, nodes: 4, apps: 3 }));
  directory = await mkdtemp(join(tmpdir(), 'kube-index-test-'));
});

afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

interface Captured {
  io: KubeIndexIo;
  stdout: () => string;
  stderr: () => string;
  stop: AbortController;
}

function capture(
  options: {
    kubeConfig?: KubeIndexIo['kubeConfig'] | null;
    environment?: NodeJS.ProcessEnv;
    onWrite?: (text: string) => void;
  } = {},
): Captured {
  let stdout = '';
  let stderr = '';
  const stop = new AbortController();
  return {
    io: {
      stdout: {
        write: (text: string) => {
          stdout += text;
          options.onWrite?.(text);
        },
      },
      stderr: { write: (text: string) => (stderr += text) },
      environment: options.environment ?? {},
      signal: stop.signal,
      kubeConfig:
        options.kubeConfig === null ? undefined : (options.kubeConfig ?? server.kubeConfig()),
    },
    stdout: () => stdout,
    stderr: () => stderr,
    stop,
  };
}

function nodeCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pod of server.list('v1', 'Pod') as { spec?: { nodeName?: string } }[]) {
    const node = pod.spec?.nodeName ?? '';
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return counts;
}

describe('runKubeIndex against FakeApiServer', () => {
  it('should print pods per node as a table', async () => {
    const run = capture();
    const exitCode = await runKubeIndex(
      ['pods', '--index-by', 'spec.nodeName', '--max-keys', '1'],
      run.io,
    );
    expect(run.stderr()).toBe('');
    expect(exitCode).toBe(0);
    const lines = run.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^pods by field spec\.nodeName: 120 objects, 4 values \(resourceVersion \d+\)$/,
    );
    expect(lines[1]).toBe('VALUE   COUNT  KEYS');
    const printed = new Map(
      lines.slice(2).map((line) => [line.split(/\s+/)[0] ?? '', Number(line.split(/\s+/)[1])]),
    );
    expect(printed).toEqual(nodeCounts());
  });

  it("should index each element of a list with kubectl's [*]", async () => {
    const run = capture();
    const exitCode = await runKubeIndex(
      ['pods', '--index-by', '{.spec.containers[*].image}', '-o', 'json'],
      run.io,
    );
    expect(run.stderr()).toBe('');
    expect(exitCode).toBe(0);
    const report = JSON.parse(run.stdout()) as {
      indexBy: string;
      entries: { value: string; count: number }[];
    };
    const expected = new Map<string, number>();
    for (const pod of server.list('v1', 'Pod') as {
      spec?: { containers?: { image?: string }[] };
    }[]) {
      for (const image of new Set(pod.spec?.containers?.map((container) => container.image))) {
        if (image !== undefined) expected.set(image, (expected.get(image) ?? 0) + 1);
      }
    }
    expect(report.indexBy).toBe('field spec.containers[*].image');
    expect(new Map(report.entries.map((entry) => [entry.value, entry.count]))).toEqual(expected);
  });

  it('should print JSON for one namespace and a label selector', async () => {
    const run = capture();
    const exitCode = await runKubeIndex(
      ['po', '--index-by', 'label:app', '-n', 'namespace-1', '-l', 'app=app-2', '-o', 'json'],
      run.io,
    );
    expect(exitCode).toBe(0);
    const report = JSON.parse(run.stdout()) as {
      resource: string;
      objects: number;
      entries: { value: string; keys: string[] }[];
    };
    const expected = server
      .list('v1', 'Pod', 'namespace-1')
      .filter((pod) => pod.metadata?.labels?.app === 'app-2');
    expect(report.resource).toBe('pods');
    expect(report.objects).toBe(expected.length);
    expect(report.entries.map((entry) => entry.value)).toEqual(['app-2']);
    expect(report.entries[0]?.keys.every((key) => key.startsWith('namespace-1/'))).toBe(true);
  });

  it('should resolve a cluster-scoped resource and ignore --namespace for it', async () => {
    const run = capture();
    expect(
      await runKubeIndex(
        ['namespaces', '--index-by', 'metadata.name', '-n', 'ignored', '-o', 'json'],
        run.io,
      ),
    ).toBe(0);
    const report = JSON.parse(run.stdout()) as { entries: { value: string }[] };
    expect(report.entries.map((entry) => entry.value)).toContain('namespace-2');
  });

  it('should print the index again when it changes with --watch', async () => {
    let prints = 0;
    let onSecondPrint: () => void = () => undefined;
    const secondPrint = new Promise<void>((resolve) => (onSecondPrint = resolve));
    const run = capture({
      onWrite: () => {
        prints += 1;
        if (prints === 1) {
          server.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { namespace: 'namespace-0', name: 'watched' },
            spec: { nodeName: 'node-new' },
          });
        } else if (prints === 2) onSecondPrint();
      },
    });
    const exited = runKubeIndex(
      ['pods', '--index-by', 'spec.nodeName', '--watch', '-o', 'json'],
      run.io,
    );
    await secondPrint;
    run.stop.abort();
    expect(await exited).toBe(0);
    const reports = run
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { entries: { value: string; keys: string[] }[] });
    expect(reports).toHaveLength(2);
    expect(reports[0]?.entries.some((entry) => entry.value === 'node-new')).toBe(false);
    expect(reports[1]?.entries.find((entry) => entry.value === 'node-new')?.keys).toEqual([
      'namespace-0/watched',
    ]);
    server.delete('v1', 'Pod', 'namespace-0', 'watched');
  });

  it('should warn once on stderr while --watch retries a failing watch', async () => {
    let printed: () => void = () => undefined;
    const firstPrint = new Promise<void>((resolve) => (printed = resolve));
    const run = capture({ onWrite: () => printed() });
    const exited = runKubeIndex(
      ['pods', '--index-by', 'spec.nodeName', '--watch', '-o', 'json'],
      run.io,
    );
    await firstPrint;
    server.failNext(
      { method: 'GET', path: '/api/v1/pods', count: 1 },
      { code: 500, message: 'etcd hiccup' },
    );
    server.closeWatches();
    while (!run.stderr().includes('etcd hiccup'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    run.stop.abort();
    expect(await exited).toBe(0);
    const warnings = run.stderr().trimEnd().split('\n');
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^kube-index: the API server at https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) answered 500 InternalError: etcd hiccup \(retrying\)$/,
      ),
    );
    expect(new Set(warnings).size).toBe(warnings.length);
  });

  it('should load the kubeconfig named by --kubeconfig', async () => {
    const file = join(directory, 'config');
    await server.writeKubeconfig(file);
    const run = capture({ kubeConfig: null });
    expect(
      await runKubeIndex(
        ['configmaps', '--index-by', 'metadata.namespace', '--kubeconfig', file],
        run.io,
      ),
    ).toBe(0);
    expect(run.stdout()).toMatch(/^configmaps by field metadata\.namespace: 0 objects/);
  });
});

describe('runKubeIndex errors', () => {
  it('should name an unknown resource', async () => {
    const run = capture();
    expect(await runKubeIndex(['podz', '--index-by', 'spec.nodeName'], run.io)).toBe(1);
    expect(run.stderr()).toBe(
      'kube-index: the server has no resource type "podz"; `kubectl api-resources` lists those it has\n',
    );
  });

  it('should name the missing RBAC verb and resource on a 403', async () => {
    server.failNext(
      { method: 'GET', path: '/api/v1/namespaces/namespace-1/pods' },
      {
        code: 403,
        message:
          'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "namespace-1"',
      },
    );
    const run = capture();
    expect(
      await runKubeIndex(['pods', '--index-by', 'spec.nodeName', '-n', 'namespace-1'], run.io),
    ).toBe(1);
    expect(run.stderr()).toContain(
      'kube-index: permission denied (403 Forbidden): missing RBAC permission to list pods in API group "" in the namespace "namespace-1".',
    );
    expect(run.stderr()).toContain('kubectl auth can-i list pods --namespace namespace-1');
    expect(run.stdout()).toBe('');
  });

  it('should say the cluster cannot be reached when nothing listens', async () => {
    const stopped = await FakeApiServer.start({ https: true });
    const kubeConfig = stopped.kubeConfig();
    const url = stopped.url;
    await stopped.close();
    const run = capture({ kubeConfig });
    expect(await runKubeIndex(['pods', '--index-by', 'spec.nodeName'], run.io)).toBe(1);
    expect(run.stderr()).toContain(
      `kube-index: cannot reach the API server at ${url} (context "fake"): connection refused (ECONNREFUSED).`,
    );
  });

  it('should say where to put a kubeconfig when there is none', async () => {
    const run = capture({ kubeConfig: null, environment: { HOME: directory } });
    expect(await runKubeIndex(['pods', '--index-by', 'spec.nodeName'], run.io)).toBe(1);
    expect(run.stderr()).toContain(
      `kube-index: no kubeconfig found: pass --kubeconfig PATH, set KUBECONFIG, or create ${join(directory, '.kube', 'config')}`,
    );
  });

  it('should explain usage errors with exit code 2 before touching the cluster', async () => {
    const run = capture({ kubeConfig: null });
    expect(await runKubeIndex(['pods'], run.io)).toBe(2);
    expect(run.stderr()).toBe(
      'kube-index: --index-by EXPR is required, for example --index-by spec.nodeName (see kube-index --help)\n',
    );
  });

  it('should refuse a path that does not parse with one line and exit code 2', async () => {
    const run = capture({ kubeConfig: null });
    expect(await runKubeIndex(['pods', '--index-by', '{.spec.nodeName'], run.io)).toBe(2);
    expect(run.stderr()).toBe(
      "kube-index: cannot index by '{.spec.nodeName': unclosed '{': add '}' at the end\n",
    );
    expect(run.stdout()).toBe('');
  });

  it('should refuse a path that selects objects (spec) with exit code 2 after the sync', async () => {
    const run = capture();
    expect(await runKubeIndex(['pods', '--index-by', 'spec'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(
      /^kube-index: cannot index by 'spec': it selects an object in [\w-]+\/[\w-]+ \(fields: [^)]+\), not a value; index by a field inside it\n$/,
    );
    expect(run.stdout()).toBe('');
  });

  it('should warn when the path matched nothing, and still print the index', async () => {
    const run = capture();
    expect(await runKubeIndex(['pods', '--index-by', 'spec.nope'], run.io)).toBe(0);
    expect(run.stderr()).toBe(
      "kube-index: warning: 'spec.nope' matched nothing in any of the 120 pods, so all are under <none>\n",
    );
    expect(run.stdout()).toMatch(/^pods by field spec\.nope: 120 objects, 0 values/);
  });
});
