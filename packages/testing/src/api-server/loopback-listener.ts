import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * Options of a {@link LoopbackListener}.
 *
 * @since 0.1.0
 */
export interface LoopbackListenerOptions {
  readonly host: string;
  /** 0 for a random free port; after the first `listen` the same port is reused. */
  readonly port: number;
  /** Serve HTTPS with this certificate and key; plain HTTP when undefined. */
  readonly tls: { readonly certificate: string; readonly privateKey: string } | undefined;
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
}

/**
 * An HTTP(S) listener that can stop and listen again on the same port, dropping every
 * connection in between (for the fake server's `restart`).
 *
 * @since 0.1.0
 */
export class LoopbackListener {
  readonly #options: LoopbackListenerOptions;
  #server: Server | undefined;
  #port: number;

  /**
   * @param options - host, port, TLS material and the request handler.
   */
  constructor(options: LoopbackListenerOptions) {
    this.#options = options;
    this.#port = options.port;
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
    const { tls, handler } = this.#options;
    const server =
      tls === undefined
        ? createHttpServer(handler)
        : createHttpsServer({ cert: tls.certificate, key: tls.privateKey }, handler);
    server.on('clientError', (_error, socket) => socket.destroy());
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
        resolve();
        return;
      }
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
