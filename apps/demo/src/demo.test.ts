import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { FakeApiServer, generatePods } from '@kube-cache/testing';
import type { DemoRecord } from './json-lines';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));

interface DemoRun {
  exitCode: number;
  records: DemoRecord[];
  stderr: string;
}

// The demo as a user runs it (tsx, no build), as a child process so that its server, timers and
// signal handlers live and die with it.
function runDemo(args: string[], extraEnvironment: NodeJS.ProcessEnv = {}): Promise<DemoRun> {
  const environment = { ...process.env };
  delete environment.KUBECONFIG;
  Object.assign(environment, extraEnvironment);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@kube-cache/source', '--import', 'tsx', 'src/main.ts', ...args],
      { cwd: appDirectory, env: environment, timeout: 90_000 },
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

describe('demo (end to end)', () => {
  it(
    'should report that the cache matches the server after churn and every injected fault',
    { timeout: 120_000 },
    async () => {
      const run = await runDemo([
        '--pods',
        '2000',
        '--namespaces',
        '10',
        '--nodes',
        '40',
        '--duration',
        '6',
        '--json',
        '--embedded',
      ]);
      expect(run.stderr).toBe('');
      const types = run.records.map((record) => record.type);
      expect(types[0]).toBe('start');
      expect(types).toContain('progress');
      expect(types).toContain('synced');
      const faults = run.records.flatMap((record) =>
        record.type === 'fault' ? [record.fault] : [],
      );
      expect(faults).toEqual(['watch-drop', 'compaction', 'malformed-line', 'server-restart']);
      const statuses = run.records.flatMap((record) => (record.type === 'status' ? [record] : []));
      // Compaction (410) and the malformed line each force a relist; churn really ran.
      expect(statuses.at(-1)?.relists).toBeGreaterThanOrEqual(1);
      expect(statuses.at(-1)?.churn?.moves).toBeGreaterThan(0);
      const verification = run.records.at(-1);
      expect(verification).toMatchObject({ type: 'verification', match: true, differences: 0 });
      expect(verification?.type === 'verification' && verification.message).toMatch(
        /^cache matches server: \d+ objects, 0 differences$/,
      );
      expect(run.exitCode).toBe(0);
    },
  );

  it(
    'should watch a cluster read-only through KUBECONFIG and verify against it',
    { timeout: 120_000 },
    async () => {
      const server = await FakeApiServer.start({ https: true });
      const directory = await mkdtemp(join(tmpdir(), 'demo-test-'));
      try {
        await server.seed(generatePods({ count: 300, namespaces: 3, nodes: 5 }));
        const kubeconfig = join(directory, 'config');
        await server.writeKubeconfig(kubeconfig);
        const before = server.resourceVersion;
        const run = await runDemo(['--duration', '1', '--json'], { KUBECONFIG: kubeconfig });
        expect(run.stderr).toBe('');
        expect(run.records[0]).toMatchObject({
          type: 'start',
          mode: 'kubeconfig',
          server: server.url,
        });
        expect(run.records.some((record) => record.type === 'fault')).toBe(false);
        expect(run.records.at(-1)).toMatchObject({
          type: 'verification',
          match: true,
          objects: 300,
        });
        expect(run.exitCode).toBe(0);
        // Read-only: nothing was written.
        expect(server.resourceVersion).toBe(before);
      } finally {
        await server.close();
        await rm(directory, { recursive: true, force: true });
      }
    },
  );

  it(
    'should stop with exit code 1 when the cluster refuses to list pods',
    { timeout: 120_000 },
    async () => {
      const server = await FakeApiServer.start({ https: true });
      const directory = await mkdtemp(join(tmpdir(), 'demo-test-'));
      try {
        server.failNext(
          { method: 'GET', path: '/api/v1/pods', count: 100 },
          {
            code: 403,
            message:
              'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope',
          },
        );
        const kubeconfig = join(directory, 'config');
        await server.writeKubeconfig(kubeconfig);
        const run = await runDemo(['--kubeconfig', kubeconfig, '--json']);
        expect(run.exitCode).toBe(1);
        expect(run.records.at(-1)).toEqual({
          type: 'error',
          message:
            'ApiStatusError 403: pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope',
        });
      } finally {
        await server.close();
        await rm(directory, { recursive: true, force: true });
      }
    },
  );

  it('should explain a bad option and exit with code 2', { timeout: 60_000 }, async () => {
    const run = await runDemo(['--pods', 'lots']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("demo: --pods needs an integer >= 0, got 'lots'");
    expect(run.records).toEqual([]);
  });
});
