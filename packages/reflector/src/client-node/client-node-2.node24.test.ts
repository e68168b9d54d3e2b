import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, describe, expect, it } from 'vitest';

// Run by `pnpm test:node24` (scripts/node24.mjs), which finds or installs a Node 22.19+ binary
// and names it here; the default `pnpm test` leaves this file out.
const here = dirname(fileURLToPath(import.meta.url));
const node24 = process.env.KUBE_CACHE_NODE24;
if (node24 === undefined || node24 === '') {
  throw new Error('KUBE_CACHE_NODE24 is not set: run this file with `pnpm test:node24`');
}

let server: FakeApiServer | undefined;
let child: ChildProcess | undefined;
let directory: string | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await server?.close();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

describe('createListWatch with @kubernetes/client-node 2.x on Node 22.19+ (24)', () => {
  it('should list, watch and sync a Reflector in a Node 24 process', async () => {
    server = await FakeApiServer.start({ https: true });
    const fake = server;
    fake.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'before', namespace: 'default' },
    });
    directory = await mkdtemp(join(tmpdir(), 'kube-cache-node24-'));
    const kubeconfig = join(directory, 'kubeconfig');
    await fake.writeKubeconfig(kubeconfig);

    const running = spawn(
      node24,
      [
        '--conditions=@kube-cache/source',
        '--import',
        'tsx',
        join(here, 'client-node-2.fixture.ts'),
        kubeconfig,
        '3',
      ],
      { cwd: join(here, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = running;
    let stderr = '';
    running.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => running.once('exit', resolve));
    const messages: Record<string, unknown>[] = [];
    for await (const line of createInterface({ input: running.stdout })) {
      const message = JSON.parse(line) as Record<string, unknown>;
      messages.push(message);
      if ('ready' in message && messages.length === 1) {
        fake.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'during-1', namespace: 'default' },
        });
        fake.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'during-2', namespace: 'kube-system' },
        });
      }
      if ('done' in message) break;
    }
    const code = await exited;

    // Runtime warnings may appear on stderr; reflector errors and a failed exit may not.
    expect(stderr).not.toContain('reflector error');
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(messages[0]).toEqual({
      ready: {
        node: expect.stringMatching(/^v(?:22\.(?:19|[2-9]\d)|2[3-9]|[3-9]\d)/),
        clientNode: '2.0.1',
      },
    });
    const expected = Object.fromEntries(
      fake
        .list('v1', 'ConfigMap')
        .map((object) => [
          `${object.metadata?.namespace}/${object.metadata?.name}`,
          object.metadata?.resourceVersion,
        ]),
    );
    expect(messages.at(-1)).toEqual({
      done: {
        versions: expected,
        shapes: ['v1/ConfigMap', 'v1/ConfigMap', 'v1/ConfigMap'],
        protocol: 'h2',
      },
    });
  }, 60_000);
});
