import type { EventEmitter } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { ServerHttp2Session } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ConnectionGate } from './connection-gate';
import type { ApiRequest, ApiResponse } from './http-exchange';
import { ServedConnections } from './served-connections';
import type { FakeApiServerConnection, WireProtocol } from './served-connections';

/**
 * Options of a {@link LoopbackListener}.
 */
export interface LoopbackListenerOptions {
  readonly host: string;
  /** 0 for a random free port; after the first `listen` the same port is reused. */
  readonly port: number;
  /** Serve TLS with this certificate and key; plain HTTP/1.1 when undefined. */
  readonly tls: { readonly certificate: string; readonly privateKey: string } | undefined;
  /** With TLS: the protocols ALPN may choose, `h2` and `http/1.1` when undefined. */
  readonly protocols?: readonly WireProtocol[] | undefined;
  /** With TLS and `h2`: the `SETTINGS_MAX_CONCURRENT_STREAMS` the server announces. */
  readonly maxConcurrentStreams?: number | undefined;
  readonly handler: (request: ApiRequest, response: ApiResponse) => void;
}

/**
 * A listener that can stop and listen again on the same port, dropping every connection in
 * between (for the fake server's `restart`). Over TLS it speaks HTTP/2 and HTTP/1.1, chosen by
 * ALPN. Every TCP connection passes through a {@link ConnectionGate}, which is what lets a test
 * stall the connections open now and read out what each one carries.
 */
export class LoopbackListener {
  readonly #options: LoopbackListenerOptions;
  readonly #connections = new ServedConnections();
  // The HTTP layer: never listens itself; it gets each gated connection from #server.
  readonly #application: EventEmitter;
  readonly #plain: boolean;
  #server: NetServer | undefined;
  #port: number;

  /**
   * @param options - host, port, TLS material and protocols, and the request handler.
   */
  constructor(options: LoopbackListenerOptions) {
    this.#options = options;
    this.#port = options.port;
    this.#plain = options.tls === undefined;
    this.#application = this.#createApplication();
  }

  /** The bound port (the requested one before the first `listen`). */
  get port(): number {
    return this.#port;
  }

  /**
   * Starts listening (on the port bound before, if any).
   *
   * @returns when the socket is bound.
   * @throws Error when the port cannot be bound.
   */
  listen(): Promise<void> {
    const server = createNetServer({ allowHalfOpen: true }, (socket) => {
      // The HTTP layer cannot set this on the gate, and watch events are small writes.
      socket.setNoDelay(true);
      const gate = new ConnectionGate(socket);
      gate.on('error', () => gate.destroy());
      this.#connections.accept(gate, this.#plain ? 'http/1.1' : undefined);
      this.#application.emit('connection', gate);
    });
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, this.#options.host, () => {
        server.off('error', reject);
        this.#port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /**
   * Stops listening and destroys every open connection.
   *
   * @returns when the socket is closed.
   */
  stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    return new Promise((resolve) => {
      if (server === undefined || !server.listening) {
        this.#connections.destroyAll();
        resolve();
        return;
      }
      server.close(() => resolve());
      this.#connections.destroyAll();
    });
  }

  /**
   * Stalls every connection open now: no byte in either direction, no FIN, no PING answered.
   *
   * @returns how many connections were stalled.
   */
  stallConnections(): number {
    return this.#connections.stallAll();
  }

  /**
   * The open connections.
   *
   * @returns a snapshot, oldest first.
   */
  connections(): FakeApiServerConnection[] {
    return this.#connections.snapshot();
  }

  #createApplication(): EventEmitter {
    const { tls, protocols = ['h2', 'http/1.1'], maxConcurrentStreams } = this.#options;
    const handler = (request: ApiRequest, response: ApiResponse): void => {
      this.#connections.track(request, response);
      this.#options.handler(request, response);
    };
    if (tls === undefined) {
      const server = createHttpServer(handler);
      server.on('clientError', (_error, socket) => socket.destroy());
      return server;
    }
    const credentials = { cert: tls.certificate, key: tls.privateKey };
    const identify = (socket: TLSSocket): void =>
      this.#connections.identify(socket, socket.alpnProtocol === 'h2' ? 'h2' : 'http/1.1');
    if (!protocols.includes('h2')) {
      const server = createHttpsServer({ ...credentials, ALPNProtocols: ['http/1.1'] }, handler);
      server.on('secureConnection', identify);
      server.on('clientError', (_error, socket) => socket.destroy());
      return server;
    }
    const server = createSecureServer(
      {
        ...credentials,
        allowHTTP1: protocols.includes('http/1.1'),
        ...(maxConcurrentStreams === undefined ? {} : { settings: { maxConcurrentStreams } }),
      },
      handler,
    );
    server.on('secureConnection', identify);
    server.on('session', (session: ServerHttp2Session) => {
      this.#connections.identify(session, 'h2');
      session.on('error', () => session.destroy());
    });
    return server;
  }
}
