// Proof of faithfulness: the real kubectl (when installed) against the fake server.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { generatePods } from '../objects/object-generators';

function findKubectl(): string | undefined {
  for (const directory of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(directory, 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

const kubectl = findKubectl();
if (kubectl === undefined)
  console.warn('kubectl is not on PATH: skipping the FakeApiServer kubectl tests');

function configMapYaml(data: string): string {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: demo',
    '  namespace: default',
    '  labels:',
    '    app: demo',
    'data:',
    `  value: "${data}"`,
    '',
  ].join('\n');
}

describe.skipIf(kubectl === undefined)(
  'FakeApiServer with kubectl (skipped when kubectl is not on PATH)',
  () => {
    let server: FakeApiServer;
    let directory: string;

    const run = (...args: string[]): Promise<string> =>
      new Promise((resolve, reject) => {
        const fullArgs = [
          '--kubeconfig',
          join(directory, 'kubeconfig'),
          '--cache-dir',
          join(directory, 'cache'),
          ...args,
        ];
        execFile(kubectl ?? 'kubectl', fullArgs, { timeout: 20_000 }, (error, stdout, stderr) => {
          if (error)
            reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr}`, { cause: error }));
          else resolve(stdout);
        });
      });

    beforeEach(async () => {
      server = await FakeApiServer.start();
      directory = await mkdtemp(join(tmpdir(), 'kube-cache-kubectl-'));
      await server.writeKubeconfig(join(directory, 'kubeconfig'));
    });

    afterEach(async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    });

    it('should get pods across namespaces and by label selector', async () => {
      await server.seed(generatePods({ count: 30, namespaces: 3, apps: 2 }));
      const all = JSON.parse(await run('get', 'pods', '--all-namespaces', '-o', 'json')) as {
        items: unknown[];
      };
      expect(all.items).toHaveLength(30);
      const expected = server
        .list('v1', 'Pod', 'namespace-1')
        .filter((pod) => pod.metadata?.labels?.['app'] === 'app-1');
      const selected = await run(
        'get',
        'pods',
        '-n',
        'namespace-1',
        '-l',
        'app=app-1',
        '-o',
        'name',
      );
      expect(selected.trim().split('\n').sort()).toEqual(
        expected.map((pod) => `pod/${pod.metadata?.name ?? ''}`).sort(),
      );
    });

    it('should print server-side tables with the real columns', async () => {
      await server.seed(generatePods({ count: 3, namespaces: 1 }));
      const lines = (await run('get', 'pods', '-n', 'namespace-0')).trim().split('\n');
      expect(lines[0]?.split(/\s+/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      expect(lines).toHaveLength(4);
      const namespaces = await run('get', 'namespaces');
      expect(namespaces).toMatch(/^NAME\s+STATUS\s+AGE\n/);
      expect(namespaces).toMatch(/\ndefault\s+Active\s+\d+s\n/);
      expect(server.requests.some((request) => request.path === '/api/v1/namespaces')).toBe(true);
    });

    it('should page through a large list with --chunk-size', async () => {
      await server.seed(generatePods({ count: 120, namespaces: 1 }));
      const names = await run('get', 'pods', '-n', 'namespace-0', '--chunk-size=50', '-o', 'name');
      expect(names.trim().split('\n')).toHaveLength(120);
      const pages = server.requests.filter(
        (request) => request.path === '/api/v1/namespaces/namespace-0/pods',
      );
      expect(pages.map((request) => request.query['limit'])).toEqual(['50', '50', '50']);
      expect(pages[1]?.query['continue']).toEqual(expect.any(String));
    });

    it('should create with apply, update with apply, and delete', async () => {
      const file = join(directory, 'demo.yaml');
      await writeFile(file, configMapYaml('1'));
      expect(await run('apply', '-f', file)).toContain('configmap/demo created');
      await writeFile(file, configMapYaml('2'));
      expect(await run('apply', '-f', file)).toContain('configmap/demo configured');
      const stored = server.get('v1', 'ConfigMap', 'default', 'demo') as {
        data?: Record<string, string>;
        metadata?: { annotations?: Record<string, string> };
      };
      expect(stored.data).toEqual({ value: '2' });
      expect(
        stored.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
      ).toContain('"value":"2"');
      expect(await run('apply', '-f', file)).toContain('configmap/demo unchanged');
      expect(await run('delete', '-f', file)).toContain('configmap "demo" deleted');
      expect(server.get('v1', 'ConfigMap', 'default', 'demo')).toBeUndefined();
    });

    it('should talk HTTP/2 over TLS with the generated CA and the bearer token', async () => {
      const secure = await FakeApiServer.start({ https: true });
      try {
        await secure.seed(generatePods({ count: 4, namespaces: 1 }));
        await secure.writeKubeconfig(join(directory, 'kubeconfig'));
        const names = await run('get', 'pods', '-n', 'namespace-0', '-o', 'name');
        expect(names.trim().split('\n')).toHaveLength(4);
        const listed = secure.requests.filter(
          (request) => request.path === '/api/v1/namespaces/namespace-0/pods',
        );
        expect(listed.map((request) => request.protocol)).toEqual(['h2']);
      } finally {
        await secure.close();
      }
    });

    it('should create a namespace and a config map that kubectl sends as protobuf', async () => {
      expect(await run('create', 'namespace', 'demo')).toContain('namespace/demo created');
      expect(
        await run('create', 'configmap', 'settings', '-n', 'demo', '--from-literal=mode=fast'),
      ).toContain('configmap/settings created');
      const posts = server.requests.filter((request) => request.method === 'POST');
      expect(posts.map((request) => request.path)).toEqual([
        '/api/v1/namespaces',
        '/api/v1/namespaces/demo/configmaps',
      ]);
      expect(server.get('v1', 'Namespace', undefined, 'demo')).toBeDefined();
      expect(server.get('v1', 'ConfigMap', 'demo', 'settings')).toMatchObject({
        data: { mode: 'fast' },
      });
    });

    it('should label, annotate, patch (every type) and replace', async () => {
      const file = join(directory, 'demo.yaml');
      await writeFile(file, configMapYaml('1'));
      expect(await run('create', '-f', file)).toContain('configmap/demo created');
      await run('label', 'configmap', 'demo', '-n', 'default', 'tier=front');
      await run('annotate', 'configmap', 'demo', '-n', 'default', 'note=hi');
      for (const [type, patch] of [
        ['merge', '{"data":{"merge":"1"}}'],
        ['strategic', '{"data":{"strategic":"1"}}'],
        ['json', '[{"op":"add","path":"/data/json","value":"1"}]'],
      ] as const)
        await run('patch', 'configmap', 'demo', '-n', 'default', '--type', type, '-p', patch);
      expect(server.get('v1', 'ConfigMap', 'default', 'demo')).toMatchObject({
        metadata: { labels: { app: 'demo', tier: 'front' }, annotations: { note: 'hi' } },
        data: { value: '1', merge: '1', strategic: '1', json: '1' },
      });
      await writeFile(file, configMapYaml('2'));
      expect(await run('replace', '-f', file)).toContain('configmap/demo replaced');
      expect(server.get('v1', 'ConfigMap', 'default', 'demo')).toMatchObject({
        data: { value: '2' },
      });
    });

    it('should not store anything on a server-side dry run', async () => {
      const file = join(directory, 'demo.yaml');
      await writeFile(file, configMapYaml('1'));
      expect(await run('apply', '-f', file, '--dry-run=server')).toContain('server dry run');
      expect(server.get('v1', 'ConfigMap', 'default', 'demo')).toBeUndefined();
    });

    it('should report a missing object as NotFound', async () => {
      await expect(run('get', 'configmap', 'missing', '-n', 'default')).rejects.toThrow(
        /NotFound|not found/,
      );
    });
  },
);
