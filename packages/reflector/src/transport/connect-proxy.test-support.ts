import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/** A minimal HTTP CONNECT proxy on 127.0.0.1 that records the targets it tunnelled to. */
export class ConnectProxy {
  readonly targets: string[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<ConnectProxy> {
    const server = createServer();
    const proxy = new ConnectProxy(server);
    server.on('connection', (client) => proxy.#accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    this.#sockets.add(client);
    client.on('error', () => undefined);
    client.once('data', (head: Buffer) => {
      const match = /^CONNECT ([^ :]+):(\d+) HTTP\/1\.[01]\r\n/.exec(head.toString('latin1'));
      if (match === null) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        return;
      }
      this.targets.push(`${match[1]}:${match[2]}`);
      const target = connect(Number(match[2]), match[1], () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        client.pipe(target);
        target.pipe(client);
      });
      this.#sockets.add(target);
      target.on('error', () => client.destroy());
    });
  }
}
