import { connect, createServer, type Server, type Socket } from 'node:net';
import { E2eHarnessError } from './e2e-harness-error';

/**
 * Options of {@link TcpProxy.start}.
 *
 * @since 0.2.0
 */
export interface TcpProxyOptions {
  /** Where connections are forwarded to, e.g. the API server's port on 127.0.0.1. */
  targetPort: number;
  /** The target's host (default `127.0.0.1`). */
  targetHost?: string;
}

/**
 * One connection through a {@link TcpProxy}, as {@link TcpProxy.connections} reports it.
 *
 * @since 0.2.0
 */
export interface TcpProxyConnectionInfo {
  /** Numbered from 1 in the order the proxy accepted them. */
  readonly id: number;
  /** Whether {@link TcpProxy.stall} froze it (and no {@link TcpProxy.resume} thawed it since). */
  readonly stalled: boolean;
  /** Bytes forwarded from the client to the target. */
  readonly bytesFromClient: number;
  /** Bytes forwarded from the target to the client. */
  readonly bytesFromTarget: number;
}

/** The two sockets of one proxied connection and what went through them. */
interface ProxiedConnection {
  readonly id: number;
  readonly client: Socket;
  readonly target: Socket;
  stalled: boolean;
  closed: boolean;
  /** Sockets whose peer sent a FIN during a stall, not yet passed on. */
  readonly heldEnds: Set<Socket>;
  bytesFromClient: number;
  bytesFromTarget: number;
}

/**
 * A plain TCP pass-through on 127.0.0.1 (TLS and HTTP/2 go through untouched, so the server's
 * certificate for 127.0.0.1 still validates) that can freeze every open connection the way a
 * dropped NAT or load-balancer flow does: {@link TcpProxy.stall} stops forwarding in both
 * directions and stops reading both sockets, but sends no FIN and no RST, so neither peer learns
 * anything (the kernel still acknowledges what fits in its buffers). Connections opened after a
 * stall work normally.
 *
 * @example
 * ```ts
 * const proxy = await TcpProxy.start({ targetPort: Number(new URL(cluster.server).port) });
 * // ... point a client at `https://127.0.0.1:${proxy.port}` ...
 * proxy.stall(); // every connection open now goes silent
 * await proxy.close();
 * ```
 * @since 0.2.0
 */
export class TcpProxy {
  readonly #server: Server;
  readonly #targetPort: number;
  readonly #targetHost: string;
  readonly #open = new Set<ProxiedConnection>();
  #accepted = 0;
  #closed = false;

  private constructor(server: Server, options: TcpProxyOptions) {
    this.#server = server;
    this.#targetPort = options.targetPort;
    this.#targetHost = options.targetHost ?? '127.0.0.1';
    server.on('connection', (client) => this.#forward(client));
  }

  /**
   * Starts a proxy on a free port of 127.0.0.1.
   *
   * @param options - the target.
   * @returns the listening proxy; call {@link TcpProxy.close} when done.
   * @throws E2eHarnessError when the target port is not a valid port or the proxy cannot listen.
   */
  static async start(options: TcpProxyOptions): Promise<TcpProxy> {
    if (!Number.isInteger(options.targetPort) || options.targetPort <= 0) {
      throw new E2eHarnessError(
        `the proxy's target port must be a port number, not ${options.targetPort}`,
      );
    }
    // Half-open connections are forwarded as they are: a FIN goes on only when one side sends it.
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
    const proxy = new TcpProxy(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new E2eHarnessError('the TCP proxy could not listen', { cause: error })),
      );
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** The port the proxy listens on, on 127.0.0.1. */
  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** How many connections the proxy accepted since it started, open or not. */
  get acceptedConnections(): number {
    return this.#accepted;
  }

  /**
   * The connections open now (both sockets still open, or held open by a stall).
   *
   * @returns one entry per connection, oldest first.
   */
  connections(): readonly TcpProxyConnectionInfo[] {
    return [...this.#open].map((connection) => ({
      id: connection.id,
      stalled: connection.stalled,
      bytesFromClient: connection.bytesFromClient,
      bytesFromTarget: connection.bytesFromTarget,
    }));
  }

  /**
   * Freezes every connection open now: nothing more is read from either socket or forwarded, and
   * a close on one side is not passed on (no FIN, no RST). Bytes already handed to a socket before
   * the stall may still leave it, as packets already on the wire would. Later connections are not
   * affected.
   *
   * @returns how many connections it froze (already stalled ones not counted).
   */
  stall(): number {
    let count = 0;
    for (const connection of this.#open) {
      if (connection.stalled) continue;
      connection.stalled = true;
      connection.client.pause();
      connection.target.pause();
      count += 1;
    }
    return count;
  }

  /**
   * Thaws every stalled connection that both peers still hold: forwarding goes on with the bytes
   * held while stalled, and a close that happened meanwhile is passed on now.
   *
   * @returns how many connections it thawed.
   */
  resume(): number {
    let count = 0;
    for (const connection of this.#open) {
      if (!connection.stalled) continue;
      connection.stalled = false;
      if (connection.client.destroyed || connection.target.destroyed) {
        this.#destroy(connection);
      } else {
        for (const socket of connection.heldEnds) socket.end();
        connection.heldEnds.clear();
        connection.client.resume();
        connection.target.resume();
      }
      count += 1;
    }
    return count;
  }

  /**
   * Stops listening and destroys every connection (stalled ones too). Idempotent.
   *
   * @returns once the listening socket is closed.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const connection of this.#open) this.#destroy(connection);
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #forward(client: Socket): void {
    if (this.#closed) {
      client.destroy();
      return;
    }
    this.#accepted += 1;
    const target = connect({
      port: this.#targetPort,
      host: this.#targetHost,
      allowHalfOpen: true,
    });
    const connection: ProxiedConnection = {
      id: this.#accepted,
      client,
      target,
      stalled: false,
      closed: false,
      heldEnds: new Set(),
      bytesFromClient: 0,
      bytesFromTarget: 0,
    };
    this.#open.add(connection);
    this.#pump(connection, client, target, (bytes) => {
      connection.bytesFromClient += bytes;
    });
    this.#pump(connection, target, client, (bytes) => {
      connection.bytesFromTarget += bytes;
    });
    // pauseOnConnect held the client's first bytes until the forwarding was wired up.
    client.resume();
  }

  /** Forwards `from` to `to` with backpressure; nothing moves while the connection is stalled. */
  #pump(
    connection: ProxiedConnection,
    from: Socket,
    to: Socket,
    count: (bytes: number) => void,
  ): void {
    from.on('data', (chunk: Buffer) => {
      count(chunk.length);
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => {
          if (!connection.stalled && !connection.closed) from.resume();
        });
      }
    });
    // A paused socket still notices a FIN once its buffer is empty; a stall holds it back.
    from.on('end', () => {
      if (connection.closed) return;
      if (connection.stalled) connection.heldEnds.add(to);
      else to.end();
    });
    from.on('error', () => {
      // A stalled connection passes nothing on, not even a reset; the other side stays open.
      if (!connection.stalled) this.#destroy(connection);
    });
    from.on('close', () => {
      if (!connection.stalled) this.#destroy(connection);
      else if (connection.client.destroyed && connection.target.destroyed)
        this.#destroy(connection);
    });
  }

  #destroy(connection: ProxiedConnection): void {
    if (connection.closed) return;
    connection.closed = true;
    this.#open.delete(connection);
    connection.client.destroy();
    connection.target.destroy();
  }
}
