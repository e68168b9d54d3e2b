import { once } from 'node:events';
import { connect as connectHttp2, createServer as createHttp2Server } from 'node:http2';
import type { ClientHttp2Session, Http2Server } from 'node:http2';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { E2eHarnessError } from './e2e-harness-error';
import { TcpProxy } from './tcp-proxy';
import { proxiedKubeconfig } from './tcp-proxy-kubeconfig';

/** A TCP server that echoes, and remembers every socket and what it received. */
class EchoServer {
  readonly sockets: Socket[] = [];
  readonly received: string[] = [];
  readonly server: Server;

  constructor() {
    this.server = createServer({ allowHalfOpen: true }, (socket) => {
      this.sockets.push(socket);
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        this.received.push(chunk.toString());
        socket.write(chunk);
      });
    });
  }

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A client socket and everything that happened to it. */
class Client {
  readonly socket: Socket;
  readonly events: string[] = [];
  data = '';

  constructor(port: number) {
    this.socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.data += chunk;
    });
    for (const name of ['end', 'close', 'error'] as const) {
      this.socket.on(name, () => this.events.push(name));
    }
  }

  async waitFor(text: string): Promise<void> {
    while (!this.data.includes(text)) await once(this.socket, 'data');
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function echoBehindProxy(): Promise<{ echo: EchoServer; proxy: TcpProxy }> {
  const echo = new EchoServer();
  const targetPort = await echo.listen();
  cleanups.push(() => echo.close());
  const proxy = await TcpProxy.start({ targetPort });
  cleanups.push(() => proxy.close());
  return { echo, proxy };
}

function client(port: number): Client {
  const opened = new Client(port);
  cleanups.push(() => {
    opened.socket.destroy();
  });
  return opened;
}

/** Long enough for bytes to cross loopback and two event loops many times over. */
const quietWindowMilliseconds = 300;

describe('TcpProxy', () => {
  describe('start', () => {
    it('should reject a target that is not a port', async () => {
      await expect(TcpProxy.start({ targetPort: 0 })).rejects.toSatisfy(E2eHarnessError.isInstance);
    });
  });

  describe('forwarding', () => {
    it('should pass bytes both ways and report the connection', async () => {
      const { proxy } = await echoBehindProxy();
      const first = client(proxy.port);
      first.socket.write('hello');
      await first.waitFor('hello');
      expect(proxy.acceptedConnections).toBe(1);
      expect(proxy.connections()).toEqual([
        { id: 1, stalled: false, bytesFromClient: 5, bytesFromTarget: 5 },
      ]);
    });

    it('should pass a close on and forget the connection', async () => {
      const { echo, proxy } = await echoBehindProxy();
      const first = client(proxy.port);
      first.socket.write('x');
      await first.waitFor('x');
      echo.sockets[0]?.end();
      await once(first.socket, 'end');
      first.socket.end();
      await once(first.socket, 'close');
      while (proxy.connections().length > 0) await sleep(10);
      expect(proxy.acceptedConnections).toBe(1);
    });
  });

  describe('stall', () => {
    it('should stop forwarding both ways without closing, and leave new connections working', async () => {
      const { echo, proxy } = await echoBehindProxy();
      const first = client(proxy.port);
      first.socket.write('before');
      await first.waitFor('before');

      expect(proxy.stall()).toBe(1);
      first.socket.write('during');
      echo.sockets[0]?.write('pushed');
      const second = client(proxy.port);
      second.socket.write('fresh');
      await second.waitFor('fresh');
      await sleep(quietWindowMilliseconds);

      expect(echo.received.join('')).not.toContain('during');
      expect(first.data).toBe('before');
      expect(first.events).toEqual([]);
      expect(first.socket.destroyed).toBe(false);
      expect(proxy.connections().map((connection) => connection.stalled)).toEqual([true, false]);
      expect(proxy.stall()).toBe(1);
    });

    it('should hold a close of the target until resumed', async () => {
      const { echo, proxy } = await echoBehindProxy();
      const first = client(proxy.port);
      first.socket.write('a');
      await first.waitFor('a');
      proxy.stall();
      echo.sockets[0]?.end('last words');
      await sleep(quietWindowMilliseconds);
      expect(first.events).toEqual([]);

      expect(proxy.resume()).toBe(1);
      await once(first.socket, 'end');
      expect(first.data).toBe('alast words');
    });

    it('should not tell the target when the client gives up on a stalled connection', async () => {
      const { echo, proxy } = await echoBehindProxy();
      const first = client(proxy.port);
      first.socket.write('a');
      await first.waitFor('a');
      const targetEvents: string[] = [];
      for (const name of ['end', 'close'] as const) {
        echo.sockets[0]?.on(name, () => targetEvents.push(name));
      }
      proxy.stall();
      first.socket.destroy();
      await sleep(quietWindowMilliseconds);
      expect(targetEvents).toEqual([]);
      expect(proxy.connections()).toHaveLength(1);

      proxy.resume();
      while (!targetEvents.includes('end')) await sleep(10);
      expect(targetEvents).toContain('end');
    });

    it('should deliver what it held once resumed', async () => {
      const { echo, proxy } = await echoBehindProxy();
      const first = client(proxy.port);
      first.socket.write('1');
      await first.waitFor('1');
      proxy.stall();
      first.socket.write('2');
      await sleep(quietWindowMilliseconds);
      expect(echo.received.join('')).toBe('1');
      proxy.resume();
      await first.waitFor('12');
      expect(echo.received.join('')).toBe('12');
    });
  });

  describe('close', () => {
    it('should destroy stalled connections too', async () => {
      const { proxy } = await echoBehindProxy();
      const first = client(proxy.port);
      first.socket.write('a');
      await first.waitFor('a');
      proxy.stall();
      await proxy.close();
      // The client half-opens (allowHalfOpen), so the proxy's FIN shows as 'end'.
      if (!first.events.includes('end')) await once(first.socket, 'end');
      expect(first.events).toContain('end');
      expect(proxy.connections()).toEqual([]);
      await proxy.close();
    });
  });

  describe('HTTP/2 through the proxy', () => {
    async function http2BehindProxy(): Promise<TcpProxy> {
      const server: Http2Server = createHttp2Server();
      server.on('stream', (stream) => {
        stream.respond({ ':status': 200 });
        stream.end('ok');
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
          }),
      );
      const proxy = await TcpProxy.start({ targetPort: (server.address() as AddressInfo).port });
      cleanups.push(() => proxy.close());
      return proxy;
    }

    function session(port: number): ClientHttp2Session {
      const opened = connectHttp2(`http://127.0.0.1:${port}`);
      opened.on('error', () => undefined);
      cleanups.push(() => {
        opened.destroy();
      });
      return opened;
    }

    function get(opened: ClientHttp2Session): Promise<string> {
      return new Promise((resolve, reject) => {
        const stream = opened.request({ ':path': '/' });
        let body = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          body += chunk;
        });
        stream.once('end', () => resolve(body));
        stream.once('error', reject);
      });
    }

    function ping(opened: ClientHttp2Session, onAck: () => void): void {
      opened.ping((error) => {
        if (error === null) onAck();
      });
    }

    it('should leave a PING unanswered on a stalled session and answer it on a new one', async () => {
      const proxy = await http2BehindProxy();
      const stalled = session(proxy.port);
      expect(await get(stalled)).toBe('ok');
      let acknowledged = false;
      await new Promise<void>((resolve) => ping(stalled, resolve));

      proxy.stall();
      const closes: string[] = [];
      stalled.on('close', () => closes.push('close'));
      stalled.on('goaway', () => closes.push('goaway'));
      ping(stalled, () => {
        acknowledged = true;
      });
      const fresh = session(proxy.port);
      expect(await get(fresh)).toBe('ok');
      await new Promise<void>((resolve) => ping(fresh, resolve));
      await sleep(quietWindowMilliseconds);
      expect(acknowledged).toBe(false);
      expect(closes).toEqual([]);

      proxy.resume();
      while (!acknowledged) await sleep(10);
      expect(acknowledged).toBe(true);
    });
  });
});

describe('proxiedKubeconfig', () => {
  it('should point at the proxy with the cluster CA and token', () => {
    const kubeconfig = proxiedKubeconfig(
      { server: 'https://127.0.0.1:6443', certificateAuthorityPem: 'PEM', token: 'secret' },
      { port: 4321 },
    );
    expect(kubeconfig['clusters']).toEqual([
      {
        name: 'kube-cache-e2e-proxied',
        cluster: {
          server: 'https://127.0.0.1:4321',
          'certificate-authority-data': Buffer.from('PEM').toString('base64'),
        },
      },
    ]);
    expect(kubeconfig['users']).toEqual([
      { name: 'kube-cache-e2e-proxied', user: { token: 'secret' } },
    ]);
  });
});
