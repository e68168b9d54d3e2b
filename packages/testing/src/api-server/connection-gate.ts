import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

// The gate whose bytes are being handed to the HTTP layer right now. A 'data' event runs the TLS
// handshake (and Node's 'secureConnection' and 'session' events) synchronously, so during it this
// names the connection those events belong to.
const forwarding: { gate: ConnectionGate | undefined } = { gate: undefined };

/**
 * The connection whose received bytes are being processed at this moment, if any: lets the
 * listener tell which TCP connection a TLS socket or an HTTP/2 session belongs to.
 *
 * @returns the gate forwarding now, or `undefined` outside of a forward.
 */
export function gateForwardingNow(): ConnectionGate | undefined {
  return forwarding.gate;
}

/**
 * A duplex stream between an accepted TCP socket and the HTTP (or TLS) layer that forwards bytes
 * both ways until {@link ConnectionGate.stall} is called. A stalled gate forwards nothing in either
 * direction and sends no FIN, as a dropped NAT or load-balancer flow does; it still notices when
 * the client closes its end, and then closes too, so the server does not keep dead streams.
 *
 * The gate sits below TLS, so a stall also silences the HTTP/2 layer: PINGs are never read, so
 * never acknowledged.
 */
export class ConnectionGate extends Duplex {
  readonly #socket: Socket;
  #stalled = false;

  /**
   * @param socket - the accepted TCP socket; the gate owns it from now on.
   */
  constructor(socket: Socket) {
    // Not half-open: the HTTP/2 layer over TLS over a JS stream does not end its side when the
    // client does, so the gate ends it, or a closed client would leave its streams open here.
    super({ allowHalfOpen: false });
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#forward(chunk));
    socket.on('end', () => {
      if (this.#stalled) socket.destroy();
      else this.push(null);
    });
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  /** Whether the gate is stalled. */
  get stalled(): boolean {
    return this.#stalled;
  }

  /**
   * Stops forwarding in both directions, for good. Bytes the client sends are read and dropped
   * (so its close is still noticed); bytes the server writes are dropped.
   *
   * @returns `true` when the gate was forwarding until now.
   */
  stall(): boolean {
    if (this.#stalled || this.destroyed) return false;
    this.#stalled = true;
    this.#socket.resume();
    return true;
  }

  /** Emits like any stream; while it emits received bytes, {@link gateForwardingNow} names it. */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'data') return super.emit(event, ...args);
    const previous = forwarding.gate;
    forwarding.gate = this;
    try {
      return super.emit(event, ...args);
    } finally {
      forwarding.gate = previous;
    }
  }

  override _read(): void {
    if (!this.#stalled) this.#socket.resume();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    if (this.#stalled || this.#socket.destroyed) {
      callback();
      return;
    }
    this.#socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.#stalled) this.#socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#socket.destroy();
    callback(error);
  }

  #forward(chunk: Buffer): void {
    if (!this.#stalled && !this.push(chunk)) this.#socket.pause();
  }
}
