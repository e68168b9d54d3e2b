// Test-only clients for the fake server over TLS: raw `node:http2` sessions and `node:https`
// requests with a chosen ALPN offer, so tests see exactly what goes over the wire.
import { connect as connectHttp2 } from 'node:http2';
import type { ClientHttp2Session, IncomingHttpHeaders } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import type { FakeApiServer } from './fake-api-server';
import type { WireEvent } from './http-test-client.test-support';

/** A parsed answer. */
export interface SecureAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** `2.0` or `1.1`. */
  readonly httpVersion: string;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Opens an HTTP/2 session to an HTTPS fake server, trusting its CA.
 *
 * @param server - the server.
 * @returns the session once connected (or rejects when the server refuses h2).
 */
export function openSession(server: FakeApiServer): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(server.url, { ca: server.certificateAuthority ?? '' });
    session.once('connect', () => {
      session.off('error', reject);
      resolve(session);
    });
    session.once('error', reject);
  });
}

function authorization(server: FakeApiServer): Record<string, string> {
  return server.token === undefined ? {} : { authorization: `Bearer ${server.token}` };
}

/**
 * Sends one GET on an HTTP/2 session.
 *
 * @param session - the session.
 * @param server - the server (for the token).
 * @param path - the path with query.
 * @returns the answer.
 */
export function http2Get(
  session: ClientHttp2Session,
  server: FakeApiServer,
  path: string,
): Promise<SecureAnswer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path, ...authorization(server) });
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (received) => {
      headers = received;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () =>
      resolve({
        status: Number(headers[':status']),
        headers,
        body: parse(Buffer.concat(chunks).toString('utf8')),
        httpVersion: '2.0',
      }),
    );
    stream.on('error', reject);
    stream.end();
  });
}

/** A watch stream read off an HTTP/2 session. */
export interface Http2WatchReader {
  readonly status: number;
  readonly events: WireEvent[];
  /** Resolves once at least `count` events arrived. */
  waitFor(count: number): Promise<WireEvent[]>;
  close(): void;
}

/**
 * Opens a watch on an HTTP/2 session and collects its events.
 *
 * @param session - the session.
 * @param server - the server (for the token).
 * @param path - the watch path with query.
 * @returns the reader, once the response headers arrived.
 */
export function http2Watch(
  session: ClientHttp2Session,
  server: FakeApiServer,
  path: string,
): Promise<Http2WatchReader> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path, ...authorization(server) });
    const events: WireEvent[] = [];
    let waiters: (() => void)[] = [];
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        events.push(JSON.parse(buffer.slice(0, newline)) as WireEvent);
        buffer = buffer.slice(newline + 1);
      }
      const current = waiters;
      waiters = [];
      for (const waiter of current) waiter();
    });
    stream.on('error', () => undefined);
    stream.once('response', (headers) =>
      resolve({
        status: Number(headers[':status']),
        events,
        waitFor: (count) =>
          new Promise((resolveWait) => {
            const check = (): void => {
              if (events.length >= count) resolveWait(events);
              else waiters.push(check);
            };
            check();
          }),
        close: () => stream.close(),
      }),
    );
    stream.once('close', () => reject(new Error('the watch stream closed before its headers')));
    stream.end();
  });
}

/**
 * Sends one GET over HTTPS (HTTP/1.1) on a fresh connection, offering the given ALPN protocols.
 *
 * @param server - the server.
 * @param path - the path with query.
 * @param alpn - the protocols to offer; none by default.
 * @returns the answer.
 */
export function https1Get(
  server: FakeApiServer,
  path: string,
  alpn: string[] = [],
): Promise<SecureAnswer & { readonly alpnProtocol: string | false }> {
  const offer: ConnectionOptions = { ALPNProtocols: alpn };
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      new URL(path, server.url),
      {
        ca: server.certificateAuthority ?? '',
        headers: authorization(server),
        agent: false,
        ...offer,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const socket = response.socket as { alpnProtocol?: string | false };
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: parse(Buffer.concat(chunks).toString('utf8')),
            httpVersion: response.httpVersion,
            alpnProtocol: socket.alpnProtocol ?? false,
          });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * Sends an HTTP/2 PING.
 *
 * @param session - the session.
 * @returns a promise settled when the ACK arrives (`true`) or the ping fails (`false`), and a
 *   function telling whether it settled yet.
 */
export function sendPing(session: ClientHttp2Session): {
  readonly acknowledged: Promise<boolean>;
  readonly settled: () => boolean;
} {
  let done = false;
  const acknowledged = new Promise<boolean>((resolve) => {
    session.ping((error) => {
      done = true;
      resolve(error === null);
    });
  });
  return { acknowledged, settled: () => done };
}
