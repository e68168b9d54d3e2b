import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';

describe('FakeApiServer.writeKubeconfig', () => {
  let server: FakeApiServer | undefined;
  let directory: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it('should write a plain-http kubeconfig that @kubernetes/client-node accepts', async () => {
    server = await FakeApiServer.start();
    directory = await mkdtemp(join(tmpdir(), 'kube-cache-kubeconfig-'));
    const path = join(directory, 'config');
    await server.writeKubeconfig(path);

    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(path);
    expect(kubeConfig.getCurrentCluster()?.server).toBe(server.url);
    expect(kubeConfig.getCurrentCluster()?.skipTLSVerify).toBe(true);
    // client-node throws here for an http server without skipTLSVerify.
    await expect(kubeConfig.applyToHTTPSOptions({})).resolves.toBeUndefined();
  });
});
