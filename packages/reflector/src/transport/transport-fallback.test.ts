import { FakeApiServer } from '@kube-cache/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { createListWatch } from '../list-watch/list-watch';
import { ConnectProxy } from './connect-proxy.test-support';
import { Http2NotNegotiatedError } from '../errors/http2-not-negotiated-error';
import { KubeTransport } from './kube-transport';

const configMaps = { apiVersion: 'v1', plural: 'configmaps' };
let server: FakeApiServer | undefined;
let proxy: ConnectProxy | undefined;
const transports: KubeTransport[] = [];
const controller = new AbortController();

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await proxy?.close();
  await server?.close();
  proxy = undefined;
});

function transportFor(options: ConstructorParameters<typeof KubeTransport>[0]): KubeTransport {
  const transport = new KubeTransport(options);
  transports.push(transport);
  return transport;
}

// Real sockets on a shared, busy machine: generous limits (the checks themselves use no timing).
describe('KubeTransport protocol choice', { timeout: 30_000 }, () => {
  it('should speak HTTP/2 to a TLS server that offers h2', async () => {
    server = await FakeApiServer.start({ https: true });
    const kubeConfig = server.kubeConfig();
    const listWatch = createListWatch(kubeConfig, configMaps, {
      transport: transportFor({ kubeConfig }),
    });
    const stream = await listWatch.watch(
      { resourceVersion: server.resourceVersion },
      controller.signal,
    );

    expect(listWatch.protocol).toBe('h2');
    expect(stream.connectionHealthChecked).toBe(true);
    expect(server.connections()).toEqual([expect.objectContaining({ protocol: 'h2' })]);
  });

  it('should fall back to HTTP/1.1 when the server does not negotiate h2, and remember it', async () => {
    server = await FakeApiServer.start({ https: true, protocols: ['http/1.1'] });
    const kubeConfig = server.kubeConfig();
    const transport = transportFor({ kubeConfig });
    const listWatch = createListWatch(kubeConfig, configMaps, { transport });
    await listWatch.list({}, controller.signal);
    const stream = await listWatch.watch(
      { resourceVersion: server.resourceVersion },
      controller.signal,
    );

    expect(listWatch.protocol).toBe('http/1.1');
    expect(stream.connectionHealthChecked).toBe(false);
    expect(transport.sessions()).toEqual([]);
    expect(server.requests.map((request) => request.protocol)).toEqual(['http/1.1', 'http/1.1']);
  });

  it('should refuse a forced HTTP/2 when the server has no h2', async () => {
    server = await FakeApiServer.start({ https: true, protocols: ['http/1.1'] });
    const kubeConfig = server.kubeConfig();
    const listWatch = createListWatch(kubeConfig, configMaps, {
      transport: transportFor({ kubeConfig, protocol: 'http2' }),
    });

    await expect(listWatch.list({}, controller.signal)).rejects.toSatisfy(
      Http2NotNegotiatedError.isInstance,
    );
  });

  it('should use HTTP/1.1 when forced, on the transport or per ListWatch', async () => {
    server = await FakeApiServer.start({ https: true });
    const kubeConfig = server.kubeConfig();
    const forcedTransport = createListWatch(kubeConfig, configMaps, {
      transport: transportFor({ kubeConfig, protocol: 'http1' }),
    });
    const forcedListWatch = createListWatch(kubeConfig, configMaps, {
      transport: transportFor({ kubeConfig }),
      protocol: 'http1',
    });
    await forcedTransport.list({}, controller.signal);
    await forcedListWatch.list({}, controller.signal);

    expect([forcedTransport.protocol, forcedListWatch.protocol]).toEqual(['http/1.1', 'http/1.1']);
    expect(server.requests.map((request) => request.protocol)).toEqual(['http/1.1', 'http/1.1']);
  });

  it('should use HTTP/1.1 when DISABLE_HTTP2 is set, as client-go', async () => {
    vi.stubEnv('DISABLE_HTTP2', '1');
    server = await FakeApiServer.start({ https: true });
    const kubeConfig = server.kubeConfig();
    const transport = transportFor({ kubeConfig });
    await createListWatch(kubeConfig, configMaps, { transport }).list({}, controller.signal);

    expect(transport.protocol).toBe('http1');
    expect(server.requests.map((request) => request.protocol)).toEqual(['http/1.1']);
  });

  it('should use HTTP/1.1 for an http:// server and refuse a forced HTTP/2 there', async () => {
    server = await FakeApiServer.start();
    const kubeConfig = server.kubeConfig();
    const listWatch = createListWatch(kubeConfig, configMaps, {
      transport: transportFor({ kubeConfig }),
    });
    const forced = createListWatch(kubeConfig, configMaps, {
      transport: transportFor({ kubeConfig, protocol: 'http2' }),
    });
    await listWatch.list({}, controller.signal);

    expect(listWatch.protocol).toBe('http/1.1');
    await expect(forced.list({}, controller.signal)).rejects.toSatisfy(
      InvalidListWatchConfigError.isInstance,
    );
  });

  it("should go through the KubeConfig's proxy over HTTP/1.1", async () => {
    server = await FakeApiServer.start({ https: true });
    const connectProxy = await ConnectProxy.start();
    proxy = connectProxy;
    const kubeConfig = server.kubeConfig();
    kubeConfig.clusters = kubeConfig.clusters.map((cluster) => ({
      ...cluster,
      proxyUrl: connectProxy.url,
    }));
    const listWatch = createListWatch(kubeConfig, configMaps, {
      transport: transportFor({ kubeConfig }),
    });
    const listed = await listWatch.list({}, controller.signal);

    expect(listed.resourceVersion).toBe(server.resourceVersion);
    expect(listWatch.protocol).toBe('http/1.1');
    expect(proxy.targets).toEqual([`127.0.0.1:${new URL(server.url).port}`]);
    expect(server.requests.map((request) => request.protocol)).toEqual(['http/1.1']);
  });
});
