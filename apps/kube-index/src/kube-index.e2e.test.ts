import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import {
  runConcurrently,
  startKubeCluster,
  waitUntil,
  type KubeCluster,
} from '@kube-cache/e2e-harness';
import { runKubeIndex } from './run-kube-index';
import type { KubeIndexIo } from './run-kube-index';

// kube-index against a real kube-apiserver 1.20.2 (issue 6, §3): discovery, core and grouped
// resources, a 403 from real RBAC, an unknown resource, and --watch following a change.

const namespace = 'kube-index-e2e';
const teams = ['a', 'b', 'c'] as const;
const perTeam = 100;

interface Report {
  resource: string;
  objects: number;
  entries: { value: string; count?: number; keys: string[] }[];
}

let cluster: KubeCluster;

function capture(kubeconfigPath: string): {
  io: KubeIndexIo;
  stdout: () => string;
  stderr: () => string;
  stop: AbortController;
} {
  let stdout = '';
  let stderr = '';
  const stop = new AbortController();
  return {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      environment: { KUBECONFIG: kubeconfigPath },
      signal: stop.signal,
    },
    stdout: () => stdout,
    stderr: () => stderr,
    stop,
  };
}

async function created(path: string, body: unknown): Promise<void> {
  const response = await cluster.request('POST', path, body);
  if (response.status !== 201)
    throw new Error(`POST ${path} answered ${response.status}: ${response.text}`);
}

function counts(report: Report): Record<string, number> {
  return Object.fromEntries(report.entries.map((entry) => [entry.value, entry.keys.length]));
}

beforeAll(async () => {
  cluster = await startKubeCluster();
  await created('/api/v1/namespaces', { metadata: { name: namespace } });
  await runConcurrently(teams.length * perTeam, 12, (index) =>
    created(`/api/v1/namespaces/${namespace}/configmaps`, {
      metadata: { name: `cm-${index}`, labels: { team: teams[index % teams.length] ?? 'a' } },
    }),
  );
  await runConcurrently(4, 2, (index) =>
    created(`/apis/apps/v1/namespaces/${namespace}/deployments`, {
      metadata: { name: `web-${index}` },
      spec: {
        replicas: index % 2 === 0 ? 1 : 3,
        selector: { matchLabels: { app: `web-${index}` } },
        template: {
          metadata: { labels: { app: `web-${index}` } },
          spec: { containers: [{ name: 'web', image: 'example.invalid/web:1' }] },
        },
      },
    }),
  );
});

afterAll(async () => {
  await cluster?.stop();
});

describe('kube-index against a real kube-apiserver', () => {
  it('should index configmaps of one namespace by a label', async () => {
    const run = capture(cluster.kubeconfigPath);
    const exitCode = await runKubeIndex(
      ['configmaps', '--index-by', 'label:team', '-n', namespace, '-o', 'json'],
      run.io,
    );
    expect(run.stderr()).toBe('');
    expect(exitCode).toBe(0);
    const report = JSON.parse(run.stdout()) as Report;
    expect(report.objects).toBe(teams.length * perTeam);
    expect(counts(report)).toEqual({ a: perTeam, b: perTeam, c: perTeam });
  });

  it('should resolve a grouped resource through discovery and index it by a field', async () => {
    const run = capture(cluster.kubeconfigPath);
    const exitCode = await runKubeIndex(
      ['deployments.apps', '--index-by', 'spec.replicas', '-n', namespace, '-o', 'json'],
      run.io,
    );
    expect(run.stderr()).toBe('');
    expect(exitCode).toBe(0);
    expect(counts(JSON.parse(run.stdout()) as Report)).toEqual({ '1': 2, '3': 2 });
  });

  it('should name the missing RBAC verb and resource when the server answers 403', async () => {
    const run = capture(cluster.unprivilegedKubeconfigPath);
    const exitCode = await runKubeIndex(
      ['configmaps', '--index-by', 'label:team', '-n', namespace],
      run.io,
    );
    expect(exitCode).toBe(1);
    expect(run.stderr()).toContain('403');
    expect(run.stderr()).toContain(`list configmaps`);
    expect(run.stdout()).toBe('');
  });

  it('should refuse a resource the server does not have', async () => {
    const run = capture(cluster.kubeconfigPath);
    expect(await runKubeIndex(['podz', '--index-by', 'spec.nodeName'], run.io)).toBe(1);
    expect(run.stderr()).toContain('no resource type "podz"');
  });

  it('should print the index again when it changes, with --watch', async () => {
    const run = capture(cluster.kubeconfigPath);
    const exited = runKubeIndex(
      ['configmaps', '--index-by', 'label:team', '-n', namespace, '--watch', '-o', 'json'],
      run.io,
    );
    const reports = (): Report[] =>
      run
        .stdout()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Report);
    await waitUntil(() => reports().length > 0, {
      timeoutMs: 60_000,
      description: 'the first report',
    });
    await created(`/api/v1/namespaces/${namespace}/configmaps`, {
      metadata: { name: 'late', labels: { team: 'd' } },
    });
    await waitUntil(() => reports().some((report) => counts(report)['d'] === 1), {
      timeoutMs: 60_000,
      description: 'a report with the new team',
    }).finally(() => run.stop.abort());
    expect(await exited).toBe(0);
    expect(counts(reports()[0] ?? { resource: '', objects: 0, entries: [] })['d']).toBeUndefined();
  });
});
