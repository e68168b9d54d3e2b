import type { KubeObject } from '@kube-cache/indexer';
import { KubeTransport } from '@kube-cache/reflector';
import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { InformerFactory } from './informer-factory';

let server: FakeApiServer | undefined;
let controller: AbortController | undefined;
let factory: InformerFactory | undefined;
let transport: KubeTransport | undefined;

afterEach(async () => {
  controller?.abort();
  await factory?.stopped();
  await transport?.close();
  await server?.close();
});

function configMap(name: string, namespace: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace } };
}

describe('InformerFactory transport option', () => {
  it('should share one HTTP/2 connection among 50 informers of one KubeConfig by default', async () => {
    server = await FakeApiServer.start({ https: true });
    const namespaces = Array.from({ length: 50 }, (_, index) => `ns-${index}`);
    for (const namespace of namespaces) {
      server.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      server.create(configMap('cm', namespace));
    }
    factory = new InformerFactory({ kubeConfig: server.kubeConfig(), onError: () => undefined });
    const informers = namespaces.map((namespace) =>
      factory?.informerFor(
        { apiVersion: 'v1', plural: 'configmaps', kind: 'ConfigMap' },
        { namespace },
      ),
    );
    controller = new AbortController();
    factory.start(controller.signal);
    await factory.waitForCacheSync(AbortSignal.timeout(30_000));
    const deadline = Date.now() + 30_000;
    while (server.openWatches < 50 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(informers.every((informer) => informer?.getStore().list().length === 1)).toBe(true);
    expect(server.connections()).toEqual([
      expect.objectContaining({ protocol: 'h2', openStreams: 50 }),
    ]);
  }, 60_000);

  it('should send every informer through the given transport (here forced to HTTP/1.1)', async () => {
    server = await FakeApiServer.start({ https: true });
    server.create(configMap('a', 'default'));
    const kubeConfig = server.kubeConfig();
    transport = new KubeTransport({ kubeConfig, protocol: 'http1' });
    factory = new InformerFactory({ kubeConfig, transport, onError: () => undefined });
    const informer = factory.informerFor({
      apiVersion: 'v1',
      plural: 'configmaps',
      kind: 'ConfigMap',
    });
    controller = new AbortController();
    factory.start(controller.signal);
    await factory.waitForCacheSync(AbortSignal.timeout(30_000));

    expect(
      informer
        .getStore()
        .list()
        .map((object) => object.metadata?.name),
    ).toEqual(['a']);
    expect(server.requests.map((request) => request.protocol)).not.toContain('h2');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(transport.sessions()).toEqual([]);
  }, 60_000);
});
