import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { assertClientNodeSupported, clientNodeSupportProblem } from './client-node-support';
import { UnsupportedClientNodeError } from '../errors/unsupported-client-node-error';
import * as reflector from '../index';

describe('clientNodeSupportProblem', () => {
  it('should name client-node 1 when client-node 2 meets a Node older than 22.19', () => {
    expect(clientNodeSupportProblem('2.0.1', 'v20.20.0')).toBe(
      '@kubernetes/client-node 2.0.1 needs Node.js 22.19 or newer, and this is Node.js 20.20.0: ' +
        'install @kubernetes/client-node@1 (npm install @kubernetes/client-node@1), ' +
        'or run Node.js 22.19+.',
    );
    expect(clientNodeSupportProblem('2.0.0', '22.18.9')).toContain('this is Node.js 22.18.9');
    expect(clientNodeSupportProblem('3.1.0', '21.7.0')).toContain('client-node 3.1.0 needs');
  });

  it('should accept client-node 2 on Node 22.19 and newer', () => {
    for (const node of ['22.19.0', 'v22.20.1', '23.0.0', '24.9.0', '30.1.2']) {
      expect(clientNodeSupportProblem('2.0.1', node)).toBeUndefined();
    }
  });

  it('should accept client-node 1 on every Node', () => {
    for (const node of ['18.0.0', '20.19.0', '20.20.2', '24.9.0']) {
      expect(clientNodeSupportProblem('1.4.0', node)).toBeUndefined();
    }
  });

  it('should say nothing about versions it cannot read', () => {
    expect(clientNodeSupportProblem('workspace:*', '20.20.0')).toBeUndefined();
    expect(clientNodeSupportProblem('2.0.1', 'unknown')).toBeUndefined();
  });
});

describe('assertClientNodeSupported', () => {
  it('should throw an UnsupportedClientNodeError carrying both versions', () => {
    let caught: unknown;
    try {
      assertClientNodeSupported({ clientNode: () => '2.0.1', node: '20.20.2' });
    } catch (error) {
      caught = error;
    }
    expect(UnsupportedClientNodeError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      name: 'UnsupportedClientNodeError',
      clientNodeVersion: '2.0.1',
      nodeVersion: '20.20.2',
      message: expect.stringContaining('install @kubernetes/client-node@1'),
    });
  });

  it('should not throw when client-node is absent or fits', () => {
    expect(() =>
      assertClientNodeSupported({ clientNode: () => undefined, node: '20.20.2' }),
    ).not.toThrow();
    expect(() =>
      assertClientNodeSupported({ clientNode: () => '2.0.1', node: '24.9.0' }),
    ).not.toThrow();
  });

  it('should read the installed client-node (1.4.0 here) and pass on this Node', () => {
    expect(() => assertClientNodeSupported()).not.toThrow();
    expect(reflector.clientNodeSupportProblem).toBe(clientNodeSupportProblem);
  });
});

describe('the check at import', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  let directory: string | undefined;

  afterEach(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  // The module and its error class in a directory of their own, where `@kubernetes/client-node`
  // resolves to the given version (or to nothing), imported by a fresh Node process.
  async function importWith(clientNodeVersion: string | undefined): Promise<{
    status: number | null;
    stderr: string;
  }> {
    directory = await mkdtemp(join(tmpdir(), 'kube-cache-client-node-'));
    const source = join(directory, 'src');
    // The same relative layout as in the package (client-node/ beside errors/).
    for (const file of [
      'client-node/client-node-support.ts',
      'errors/unsupported-client-node-error.ts',
    ]) {
      await mkdir(dirname(join(source, file)), { recursive: true });
      await copyFile(join(here, '..', file), join(source, file));
    }
    await mkdir(join(directory, 'node_modules', '@kube-cache'), { recursive: true });
    await symlink(
      join(here, '..', '..', '..', 'store-core'),
      join(directory, 'node_modules', '@kube-cache', 'store-core'),
    );
    if (clientNodeVersion !== undefined) {
      const clientNode = join(directory, 'node_modules', '@kubernetes', 'client-node');
      await mkdir(clientNode, { recursive: true });
      await writeFile(
        join(clientNode, 'package.json'),
        JSON.stringify({ name: '@kubernetes/client-node', version: clientNodeVersion }),
      );
    }
    const result = spawnSync(
      process.execPath,
      [
        '--conditions=@kube-cache/source',
        '--import',
        'tsx',
        '--input-type=module',
        '--eval',
        `await import(${JSON.stringify(join(source, 'client-node', 'client-node-support.ts'))});`,
      ],
      { cwd: join(here, '..', '..'), encoding: 'utf8', timeout: 60_000 },
    );
    return { status: result.status, stderr: result.stderr };
  }

  it('should stop the import with the sentence for client-node 2 on an older Node', async () => {
    const { status, stderr } = await importWith('2.0.1');
    // This Node is 20 in CI; on Node 22.19+ the same import must pass.
    const problem = clientNodeSupportProblem('2.0.1', process.versions.node);
    expect({
      refused: status !== 0,
      sentence: problem !== undefined && stderr.includes(problem),
    }).toEqual({ refused: problem !== undefined, sentence: problem !== undefined });
    expect(stderr.includes('UnsupportedClientNodeError')).toBe(problem !== undefined);
  }, 60_000);

  it('should import quietly with client-node 1 or none', async () => {
    expect(await importWith('1.4.0')).toEqual({ status: 0, stderr: '' });
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
    expect(await importWith(undefined)).toEqual({ status: 0, stderr: '' });
  }, 60_000);
});
