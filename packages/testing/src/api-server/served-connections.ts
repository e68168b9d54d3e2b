import type { ConnectionGate } from './connection-gate';
import { gateForwardingNow } from './connection-gate';
import type { ApiRequest, ApiResponse } from './http-exchange';

/**
 * The application protocols the fake server speaks, by their ALPN names.
 *
 * @since 0.2.0
 */
export type WireProtocol = 'h2' | 'http/1.1';

/**
 * One open client connection of a {@link FakeApiServer}, as `connections()` reports it.
 *
 * @since 0.2.0
 */
export interface FakeApiServerConnection {
  /** Numbers connections in the order they were accepted, from 1. */
  readonly id: number;
  /** What ALPN chose (`http/1.1` for plain HTTP and for clients that offered no ALPN). */
  readonly protocol: WireProtocol;
  /** Whether `stallConnections()` stalled it. */
  readonly stalled: boolean;
  /** Requests on it whose response has not finished (open watches included). */
  readonly openStreams: number;
  /** Requests it has carried since it opened. */
  readonly requests: number;
}

interface ConnectionRecord {
  readonly id: number;
  readonly gate: ConnectionGate;
  protocol: WireProtocol | undefined;
  openStreams: number;
  requests: number;
}

/**
 * The server's open connections: which TCP connection each TLS socket, HTTP/2 session and request
 * belongs to, their counts, and the stall fault.
 */
export class ServedConnections {
  readonly #open = new Map<ConnectionGate, ConnectionRecord>();
  // Gate, TLS socket or HTTP/2 session -> its connection.
  readonly #byTransport = new WeakMap<object, ConnectionRecord>();
  #nextId = 1;

  /**
   * Registers an accepted connection.
   *
   * @param gate - its gate.
   * @param protocol - known at once for plain HTTP; `undefined` until the TLS handshake chose.
   */
  accept(gate: ConnectionGate, protocol: WireProtocol | undefined): void {
    const record: ConnectionRecord = {
      id: this.#nextId++,
      gate,
      protocol,
      openStreams: 0,
      requests: 0,
    };
    this.#open.set(gate, record);
    this.#byTransport.set(gate, record);
    gate.once('close', () => this.#open.delete(gate));
  }

  /**
   * Links a TLS socket or HTTP/2 session to the connection whose bytes are being processed now
   * (they are created synchronously while the gate forwards the handshake).
   *
   * @param transport - the TLS socket or HTTP/2 session.
   * @param protocol - the protocol it speaks.
   */
  identify(transport: object, protocol: WireProtocol): void {
    const gate = gateForwardingNow();
    const record = gate === undefined ? undefined : this.#open.get(gate);
    if (record === undefined) return;
    record.protocol = protocol;
    this.#byTransport.set(transport, record);
  }

  /**
   * Counts a request on its connection until its response closes.
   *
   * @param request - the request.
   * @param response - its response.
   */
  track(request: ApiRequest, response: ApiResponse): void {
    const transport: object | undefined =
      'stream' in request ? request.stream.session : (request.socket ?? undefined);
    const record = transport === undefined ? undefined : this.#byTransport.get(transport);
    if (record === undefined) return;
    record.requests += 1;
    record.openStreams += 1;
    response.on('close', () => {
      record.openStreams -= 1;
    });
  }

  /**
   * Stalls every open connection (see {@link ConnectionGate.stall}).
   *
   * @returns how many were forwarding until now.
   */
  stallAll(): number {
    let stalled = 0;
    for (const gate of this.#open.keys()) if (gate.stall()) stalled += 1;
    return stalled;
  }

  /**
   * The open connections whose protocol is settled, oldest first.
   *
   * @returns a snapshot.
   */
  snapshot(): FakeApiServerConnection[] {
    const connections: FakeApiServerConnection[] = [];
    for (const record of this.#open.values()) {
      if (record.protocol === undefined) continue;
      connections.push({
        id: record.id,
        protocol: record.protocol,
        stalled: record.gate.stalled,
        openStreams: record.openStreams,
        requests: record.requests,
      });
    }
    return connections;
  }

  /** Drops every open connection at once. */
  destroyAll(): void {
    for (const gate of [...this.#open.keys()]) gate.destroy();
  }
}
