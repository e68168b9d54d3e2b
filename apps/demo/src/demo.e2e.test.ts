import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { runConcurrently, startKubeCluster, type KubeCluster } from '@kube-cache/e2e-harness';
import type { DemoRecord } from './json-lines';

// The demo's `--kubeconfig` mode (issue 6, §1) against a real kube-apiserver 1.20.2: it watches
// the cluster's pods read-only and must end with a verification that the cache matches the server.

const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const podCount = 200;
let cluster: KubeCluster;

function runDemo(
  args: string[],
): Promise<{ exitCode: number; records: DemoRecord[]; stderr: string }> {
  const environment = { ...process.env };
  delete environment['KUBECONFIG'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@kube-cache/source', '--import', 'tsx', 'src/main.ts', ...args],
      { cwd: appDirectory, env: environment, timeout: 120_000 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        const records = stdout
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as DemoRecord);
        resolve({ exitCode, records, stderr });
      },
    );
  });
}

beforeAll(async () => {
  cluster = await startKubeCluster();
  const namespaces = ['shop', 'billing'];
  for (const name of namespaces) {
    const response = await cluster.request('POST', '/api/v1/namespaces', { metadata: { name } });
    expect(response.status).toBe(201);
  }
  // No scheduler or kubelet runs: the pods stay Pending, bound to made-up nodes by nodeName.
  await runConcurrently(podCount, 8, async (index) => {
    const namespace = namespaces[index % namespaces.length] ?? 'default';
    const response = await cluster.request('POST', `/api/v1/namespaces/${namespace}/pods`, {
      metadata: { name: `web-${index}`, labels: { app: `app-${index % 5}` } },
      spec: {
        nodeName: `node-${index % 7}`,
        containers: [{ name: 'web', image: 'example.invalid/web:1' }],
      },
    });
    if (response.status !== 201)
      throw new Error(`pod create answered ${response.status}: ${response.text}`);
  });
});

afterAll(async () => {
  await cluster?.stop();
});

describe('demo --kubeconfig against a real kube-apiserver', () => {
  it('should sync the cluster pods read-only and report that the cache matches the server', async () => {
    const run = await runDemo([
      '--kubeconfig',
      cluster.kubeconfigPath,
      '--duration',
      '4',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.records.map((record) => record.type)).toContain('synced');
    const verification = run.records.at(-1);
    expect(verification).toMatchObject({ type: 'verification', match: true, differences: 0 });
    expect(verification?.type === 'verification' && verification.message).toBe(
      `cache matches server: ${podCount} objects, 0 differences`,
    );
    expect(run.exitCode).toBe(0);
  });
});
