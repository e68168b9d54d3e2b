import { setMaxListeners } from 'node:events';
import * as http2 from 'node:http2';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import type { KubeObject, WatchStream } from '@kube-cache/indexer';
import { afterEach, describe, expect, it } from 'vitest';
import { createListWatch } from '../list-watch/list-watch';
import { Http2TestServer, configMapList, watchLine } from './http2-test-server.test-support';
import type { TestHandler, TestResponse } from './http2-test-server.test-support';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { KubeTransport } from './kube-transport';
import { TransportClosedError } from '../errors/transport-closed-error';
import { ManualClock } from './manual-clock.test-support';

const configMaps = { apiVersion: 'v1', plural: 'configmaps' };
let server: Http2TestServer | undefined;
let transport: KubeTransport | undefined;
const controller = new AbortController();
// One signal for every request of a test (50 ListWatches share it).
setMaxListeners(500, controller.signal);

afterEach(async () => {
  await transport?.close();
  transport = undefined;
  await server?.close();
  server = undefined;
});

/** Lists answer two ConfigMaps; watches answer their headers and stay open in `watches`. */
function listAndHoldWatches(watches: TestResponse[]): TestHandler {
  return (request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    if (request.url?.includes('watch=true') === true) {
      response.flushHeaders();
      watches.push(response);
      return;
    }
    response.end(configMapList(2));
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// Real sockets on a shared, busy machine: generous limits (the checks themselves use no timing).
describe('KubeTransport', { timeout: 30_000 }, () => {
  it('should list and watch over HTTP/2 with the KubeConfig token, and say so', async () => {
    const watches: TestResponse[] = [];
    server = await Http2TestServer.start({ handler: listAndHoldWatches(watches) });
    const kubeConfig = server.kubeConfig({ token: 'token-123' });
    const listWatch = createListWatch(kubeConfig, configMaps);
    expect(listWatch.protocol).toBeUndefined();

    const listed = await listWatch.list({}, controller.signal);
    const stream: WatchStream<KubeObject> = await listWatch.watch(
      { resourceVersion: '10' },
      controller.signal,
    );
    const iterator = stream[Symbol.asyncIterator]();
    watches[0]?.write(watchLine('ADDED', 'new', '11'));
    const first = await iterator.next();
    await iterator.return?.();

    expect(listed.items.map((item) => [item.kind, item.metadata?.name])).toEqual([
      ['ConfigMap', 'cm-0'],
      ['ConfigMap', 'cm-1'],
    ]);
    expect(first.value).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'new' } } });
    expect(listWatch.protocol).toBe('h2');
    expect(stream.connectionHealthChecked).toBe(true);
    expect(listWatch.transport).toBe(KubeTransport.forKubeConfig(kubeConfig));
    expect(server.requests.map((request) => [request.httpVersion, request.authorization])).toEqual([
      ['2.0', 'Bearer token-123'],
      ['2.0', 'Bearer token-123'],
    ]);
    await listWatch.transport.close();
  });

  it('should carry 50 ListWatches of one KubeConfig on one connection', async () => {
    const watches: TestResponse[] = [];
    server = await Http2TestServer.start({ handler: listAndHoldWatches(watches) });
    const kubeConfig = server.kubeConfig({ token: 'shared' });
    transport = KubeTransport.forKubeConfig(kubeConfig);
    const listWatches = Array.from({ length: 50 }, (_, index) =>
      createListWatch(kubeConfig, { ...configMaps, namespace: `ns-${index}` }),
    );

    await Promise.all(listWatches.map((listWatch) => listWatch.list({}, controller.signal)));
    const streams = await Promise.all(
      listWatches.map((listWatch) => listWatch.watch({ resourceVersion: '10' }, controller.signal)),
    );

    expect(streams).toHaveLength(50);
    expect(server.connections).toBe(1);
    expect(server.sessions).toBe(1);
    expect(transport.sessions()).toEqual([
      expect.objectContaining({ protocol: 'h2', openStreams: 50, origin: server.url }),
    ]);
    expect(listWatches.every((listWatch) => listWatch.transport === transport)).toBe(true);
  });

  it('should open a second session instead of queueing past the server stream limit', async () => {
    const watches: TestResponse[] = [];
    server = await Http2TestServer.start({
      handler: listAndHoldWatches(watches),
      maxConcurrentStreams: 2,
    });
    transport = new KubeTransport({ kubeConfig: server.kubeConfig() });
    const listWatch = createListWatch(server.kubeConfig(), configMaps, { transport });

    await listWatch.list({}, controller.signal);
    const streams = await Promise.all(
      [1, 2, 3].map(() => listWatch.watch({ resourceVersion: '10' }, controller.signal)),
    );

    expect(streams).toHaveLength(3);
    expect(watches).toHaveLength(3);
    expect(server.sessions).toBe(2);
    expect(transport.sessions().map((session) => session.openStreams)).toEqual([2, 1]);
    expect(transport.sessions().map((session) => session.maxConcurrentStreams)).toEqual([2, 2]);
  });

  it('should end an aborted watch with its reason and free its stream slot', async () => {
    const watches: TestResponse[] = [];
    server = await Http2TestServer.start({ handler: listAndHoldWatches(watches) });
    transport = new KubeTransport({ kubeConfig: server.kubeConfig() });
    const listWatch = createListWatch(server.kubeConfig(), configMaps, { transport });
    const local = new AbortController();
    const stream = await listWatch.watch({ resourceVersion: '10' }, local.signal);
    const reading = stream[Symbol.asyncIterator]().next();
    expect(transport.sessions()[0]?.openStreams).toBe(1);

    local.abort();

    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => transport?.sessions()[0]?.openStreams === 0, 'the slot to be freed');
  });

  it('should close a session left without streams after 90 s, and reconnect on demand', async () => {
    server = await Http2TestServer.start({ handler: listAndHoldWatches([]) });
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig: server.kubeConfig(), clock });
    const listWatch = createListWatch(server.kubeConfig(), configMaps, { transport });
    await listWatch.list({}, controller.signal);
    await until(() => transport?.sessions()[0]?.openStreams === 0, 'the list stream to close');

    clock.advance(89_000);
    expect(transport.sessions()).toHaveLength(1);
    clock.advance(1_000);
    await until(() => transport?.sessions().length === 0, 'the idle session to close');
    await listWatch.list({}, controller.signal);

    expect(server.sessions).toBe(2);
  });

  it('should send a request again once when the server refuses its stream unprocessed', async () => {
    let refused = 0;
    server = await Http2TestServer.start({
      handler: (request, response) => {
        if (refused === 0) {
          refused += 1;
          const { stream } = response as unknown as { stream: http2.ServerHttp2Stream };
          stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
          return;
        }
        listAndHoldWatches([])(request, response);
      },
    });
    transport = new KubeTransport({ kubeConfig: server.kubeConfig() });
    const listed = await createListWatch(server.kubeConfig(), configMaps, { transport }).list(
      {},
      controller.signal,
    );

    expect(listed.items).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it('should give up a connect that does not finish within 30 s of clock time, and end one at close()', async () => {
    // Accepts TCP and never answers the TLS handshake.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      server = await Http2TestServer.start({ handler: listAndHoldWatches([]) });
      const kubeConfig = server.kubeConfig({ server: url });
      const clock = new ManualClock();
      transport = new KubeTransport({ kubeConfig, clock });
      const listWatch = createListWatch(kubeConfig, configMaps, { transport });
      const timedOut = listWatch.list({}, controller.signal).catch((error: unknown) => error);
      await until(() => sockets.size === 1, 'the TCP connection');
      clock.advance(30_000);
      const closedWhileConnecting = listWatch
        .list({}, controller.signal)
        .catch((error: unknown) => error);
      await until(() => sockets.size === 2, 'the second TCP connection');
      await transport.close();

      expect(await timedOut).toMatchObject({
        name: 'ConnectionLostError',
        reason: 'connect-timeout',
      });
      expect(ConnectionLostError.isInstance(await closedWhileConnecting)).toBe(true);
      await expect(listWatch.list({}, controller.signal)).rejects.toSatisfy(
        TransportClosedError.isInstance,
      );
      const shared = KubeTransport.forKubeConfig(kubeConfig);
      await shared.close();
      expect(KubeTransport.forKubeConfig(kubeConfig)).not.toBe(shared);
      expect(KubeTransport.forKubeConfig(kubeConfig).closed).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('should keep open streams of a session the server sends GOAWAY on, and open new ones elsewhere', async () => {
    const watches: TestResponse[] = [];
    server = await Http2TestServer.start({ handler: listAndHoldWatches(watches) });
    transport = new KubeTransport({ kubeConfig: server.kubeConfig() });
    const listWatch = createListWatch(server.kubeConfig(), configMaps, { transport });
    const stream = await listWatch.watch({ resourceVersion: '10' }, controller.signal);
    const iterator = stream[Symbol.asyncIterator]();

    expect(server.goAway()).toBe(1);
    // Sent before or after the GOAWAY arrives, the list lands on a new session: a stream the
    // server refuses after its GOAWAY is sent again once.
    await listWatch.list({}, controller.signal);
    watches[0]?.write(watchLine('ADDED', 'still-flowing', '11'));
    const event = await iterator.next();

    expect(event.value).toMatchObject({ object: { metadata: { name: 'still-flowing' } } });
    expect(server.sessions).toBe(2);
    await iterator.return?.();
  });
});
