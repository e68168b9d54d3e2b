import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { createListWatch } from './list-watch';
import { Reflector } from '../reflector/reflector';
import { RecordingStore } from '../reflector/scripted-lister-watcher.test-support';
import type { TestObject } from '../reflector/scripted-lister-watcher.test-support';

const resource = { apiVersion: 'v1', plural: 'configmaps' };

let controller: AbortController;

beforeEach(() => {
  controller = new AbortController();
});

afterEach(() => {
  controller.abort();
});

/** A KubeConfig with one cluster and one user, as a kubeconfig file would give. */
function kubeConfigFor(
  cluster: { server: string; skipTLSVerify?: boolean },
  user: { certFile?: string; keyFile?: string } = {},
): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'test', skipTLSVerify: false, ...cluster }],
    users: [{ name: 'test', ...user }],
    contexts: [{ name: 'test', cluster: 'test', user: 'test' }],
    currentContext: 'test',
  });
  return kubeConfig;
}

async function listError(kubeConfig: KubeConfig): Promise<unknown> {
  return createListWatch(kubeConfig, resource)
    .list({}, controller.signal)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe('createListWatch with a configuration that can never work', () => {
  it('should fail with InvalidListWatchConfigError without a current context', async () => {
    const error = await listError(new KubeConfig());

    expect(InvalidListWatchConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/no current cluster/u);
  });

  it("should say 'no kubeconfig found' for loadFromDefault()'s localhost:8080 fallback", async () => {
    const home = await mkdtemp(join(tmpdir(), 'kube-cache-home-'));
    const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG };
    const kubeConfig = new KubeConfig();
    try {
      process.env.HOME = home;
      delete process.env.KUBECONFIG;
      kubeConfig.loadFromDefault();
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.KUBECONFIG !== undefined) process.env.KUBECONFIG = saved.KUBECONFIG;
      await rm(home, { recursive: true });
    }
    // Only meaningful where no service account is mounted (a pod would load that instead).
    expect(kubeConfig.getCurrentCluster()?.server).toBe('http://localhost:8080');
    const error = await listError(kubeConfig);

    expect(InvalidListWatchConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^no kubeconfig found: /u);
  });

  it('should refuse a server URL that does not parse, without quoting it', async () => {
    const error = await listError(kubeConfigFor({ server: 'https://[not-a-host:6443' }));

    expect(InvalidListWatchConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/not a valid URL/u);
    expect((error as Error).message).not.toContain('not-a-host');
  });

  it('should refuse a server URL with a user name and password, without quoting them', async () => {
    const error = await listError(kubeConfigFor({ server: 'https://admin:s3cret@127.0.0.1:1' }));

    expect(InvalidListWatchConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toMatch(/s3cret|admin/u);
  });

  it('should refuse a file the KubeConfig names that does not exist, naming the path', async () => {
    const error = await listError(
      kubeConfigFor(
        { server: 'https://127.0.0.1:1' },
        { certFile: '/nonexistent/client.crt', keyFile: '/nonexistent/client.key' },
      ),
    );

    expect(InvalidListWatchConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('/nonexistent/client.crt');
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
  });
});

describe('createListWatch with a plain-HTTP server (real HTTP on 127.0.0.1)', () => {
  let server: FakeApiServer;

  beforeEach(async () => {
    server = await FakeApiServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  it('should fail at once when the cluster is not marked insecure-skip-tls-verify', async () => {
    const error = await listError(kubeConfigFor({ server: server.url }));

    expect(InvalidListWatchConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/insecure-skip-tls-verify/u);
    expect(server.requests).toHaveLength(0);
  });

  it('should list when the cluster is marked insecure-skip-tls-verify', async () => {
    const listWatch = createListWatch(
      kubeConfigFor({ server: server.url, skipTLSVerify: true }),
      resource,
    );

    await expect(listWatch.list({}, controller.signal)).resolves.toMatchObject({ items: [] });
  });

  it('should stop a reflector: run() rejects at once and waitForSync with it', async () => {
    const reflector = new Reflector<TestObject>({
      listerWatcher: createListWatch<TestObject>(kubeConfigFor({ server: server.url }), resource),
      store: new RecordingStore<TestObject>(),
      onWatchError: () => {},
    });
    const waiting = reflector.waitForSync({ timeoutMilliseconds: 60_000 });

    await expect(reflector.run(controller.signal)).rejects.toSatisfy(
      InvalidListWatchConfigError.isInstance,
    );
    await expect(waiting).rejects.toSatisfy(InvalidListWatchConfigError.isInstance);
  });
});
