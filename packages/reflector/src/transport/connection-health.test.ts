import { TcpProxy } from '@kube-cache/e2e-harness';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createListWatch } from '../list-watch/list-watch';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { Http2TestServer, configMapList, watchLine } from './http2-test-server.test-support';
import type { TestResponse } from './http2-test-server.test-support';
import { KubeTransport } from './kube-transport';
import { ManualClock } from './manual-clock.test-support';

const configMaps = { apiVersion: 'v1', plural: 'configmaps' };
let server: Http2TestServer | undefined;
let proxy: TcpProxy | undefined;
let transport: KubeTransport | undefined;
const controller = new AbortController();

afterEach(async () => {
  vi.unstubAllEnvs();
  await transport?.close();
  await proxy?.close();
  await server?.close();
  transport = undefined;
  proxy = undefined;
  server = undefined;
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A server behind a stallable TCP proxy; lists answer, watches stay open in `watches`. */
async function serverBehindProxy(watches: TestResponse[]) {
  server = await Http2TestServer.start({
    handler: (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.url?.includes('watch=true') === true) {
        response.flushHeaders();
        watches.push(response);
      } else response.end(configMapList(1));
    },
  });
  proxy = await TcpProxy.start({ targetPort: server.port });
  return server.kubeConfig({ server: `https://127.0.0.1:${proxy.port}` });
}

// Real sockets on a shared, busy machine: generous limits (the checks themselves use no timing).
describe('the HTTP/2 health check on a real connection', { timeout: 30_000 }, () => {
  it('should fail every stream of a stalled session with one ConnectionLostError within read-idle + ping timeout', async () => {
    const watches: TestResponse[] = [];
    const kubeConfig = await serverBehindProxy(watches);
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig, clock });
    const first = createListWatch(kubeConfig, configMaps, { transport });
    const second = createListWatch(
      kubeConfig,
      { ...configMaps, namespace: 'default' },
      { transport },
    );
    const streams = await Promise.all(
      [first, second].map((listWatch) =>
        listWatch.watch({ resourceVersion: '10' }, controller.signal),
      ),
    );
    const readings = streams.map((stream) =>
      stream[Symbol.asyncIterator]()
        .next()
        .then(
          () => 'ended',
          (error: unknown) => error,
        ),
    );

    expect(proxy?.stall()).toBe(1);
    clock.advance(30_000);
    expect(transport.sessions()[0]).toMatchObject({ pingOutstanding: true, pingsSent: 1 });
    clock.advance(14_999);
    expect(transport.sessions()).toHaveLength(1);
    clock.advance(1);
    const [lostFirst, lostSecond] = await Promise.all(readings);

    expect(ConnectionLostError.isInstance(lostFirst)).toBe(true);
    expect(lostFirst).toMatchObject({
      reason: 'ping-timeout',
      origin: `https://127.0.0.1:${proxy?.port}`,
    });
    expect(lostSecond).toBe(lostFirst);
    await until(() => transport?.sessions().length === 0, 'the dead session to go');
    // Connections opened after the stall work: the next request gets a fresh session.
    const listed = await first.list({}, controller.signal);
    expect(listed.items).toHaveLength(1);
    expect(server?.sessions).toBe(2);
  });

  it('should keep a quiet watch on a healthy session for 10 minutes: the same stream, one request', async () => {
    const watches: TestResponse[] = [];
    const kubeConfig = await serverBehindProxy(watches);
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig, clock });
    const listWatch = createListWatch(kubeConfig, configMaps, { transport });
    const stream = await listWatch.watch({ resourceVersion: '10' }, controller.signal);
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();

    for (let elapsed = 0; elapsed < 600_000; elapsed += 5_000) {
      clock.advance(5_000);
      // A PING went out: let its ACK arrive (real I/O) before fake time passes its timeout.
      await until(() => transport?.sessions()[0]?.pingOutstanding === false, 'the PING ACK');
    }
    watches[0]?.write(watchLine('ADDED', 'late', '11'));
    const event = await next;

    expect(event.value).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'late' } } });
    expect(transport.sessions()).toEqual([
      expect.objectContaining({ openStreams: 1, pingsSent: 20 }),
    ]);
    expect(server?.requests.filter((request) => request.path.includes('watch=true'))).toHaveLength(
      1,
    );
    expect(server?.sessions).toBe(1);
    await iterator.return?.();
  });

  it('should not ping when the health check is off (readIdleTimeoutMilliseconds: 0)', async () => {
    const watches: TestResponse[] = [];
    const kubeConfig = await serverBehindProxy(watches);
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig, clock, readIdleTimeoutMilliseconds: 0 });
    const listWatch = createListWatch(kubeConfig, configMaps, { transport });
    const stream = await listWatch.watch({ resourceVersion: '10' }, controller.signal);

    proxy?.stall();
    clock.advance(600_000);

    expect(stream.connectionHealthChecked).toBe(false);
    expect(transport.sessions()).toEqual([
      expect.objectContaining({ openStreams: 1, pingsSent: 0, pingOutstanding: false }),
    ]);
  });

  it("should take client-go's HTTP2_READ_IDLE_TIMEOUT_SECONDS and HTTP2_PING_TIMEOUT_SECONDS", async () => {
    vi.stubEnv('HTTP2_READ_IDLE_TIMEOUT_SECONDS', '5');
    vi.stubEnv('HTTP2_PING_TIMEOUT_SECONDS', '2');
    const watches: TestResponse[] = [];
    const kubeConfig = await serverBehindProxy(watches);
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig, clock });
    const stream = await createListWatch(kubeConfig, configMaps, { transport }).watch(
      { resourceVersion: '10' },
      controller.signal,
    );
    const reading = stream[Symbol.asyncIterator]()
      .next()
      .catch((error: unknown) => error);

    proxy?.stall();
    clock.advance(5_000);
    expect(transport.sessions()[0]).toMatchObject({ pingOutstanding: true });
    clock.advance(2_000);

    expect(await reading).toMatchObject({ name: 'ConnectionLostError', reason: 'ping-timeout' });
  });

  it('should warn once about a health-check variable that is not whole seconds, and use the default', async () => {
    vi.stubEnv('HTTP2_READ_IDLE_TIMEOUT_SECONDS', '30s');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const watches: TestResponse[] = [];
    const kubeConfig = await serverBehindProxy(watches);
    const clock = new ManualClock();
    transport = new KubeTransport({ kubeConfig, clock });
    await createListWatch(kubeConfig, configMaps, { transport }).watch(
      { resourceVersion: '10' },
      controller.signal,
    );
    new KubeTransport({ kubeConfig, clock }).sessions();

    clock.advance(29_999);
    expect(transport.sessions()[0]?.pingsSent).toBe(0);
    clock.advance(1);
    expect(transport.sessions()[0]?.pingsSent).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('HTTP2_READ_IDLE_TIMEOUT_SECONDS');
  });
});
