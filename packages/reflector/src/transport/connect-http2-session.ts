import * as http2 from 'node:http2';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { Clock } from '@kube-cache/store-core';
import { ConnectionLostError } from '../errors/connection-lost-error';
import { Http2NotNegotiatedError } from '../errors/http2-not-negotiated-error';
import { setUnrefTimeout } from './unref-timer';

// Flow-control windows as Go's HTTP/2 client (4 MiB a stream; 64 MiB the connection, Go: 1 GiB):
// HTTP/2's 64 KiB default would cap a list at 64 KiB per round trip on a distant cluster. Data is
// only buffered up to them while the reader is slower than the network.
const streamWindowBytes = 4 * 1024 * 1024;
const connectionWindowBytes = 64 * 1024 * 1024;

/**
 * An HTTP/2 session whose server SETTINGS have arrived.
 *
 * @internal
 */
export interface ConnectedSession {
  readonly session: http2.ClientHttp2Session;
  /** The TLS socket under it (its `bytesRead` feeds the health check). */
  readonly socket: tls.TLSSocket;
  /** The server's first SETTINGS. */
  readonly remoteSettings: http2.Settings;
}

/**
 * A connect in progress.
 *
 * @internal
 */
export interface PendingSession {
  /** Resolves with the session; rejects with the connect error. */
  readonly connected: Promise<ConnectedSession>;
  /** Ends the connect (the transport was closed): `connected` rejects with `error`. */
  readonly abort: (error: unknown) => void;
}

/**
 * Opens TLS with ALPN `h2` and `http/1.1`, then an HTTP/2 session over it, and waits for the
 * server's first SETTINGS, all within `timeoutMilliseconds`. The TLS settings are honoured as
 * `node:https` would (the server name defaults to the host unless it is an IP address).
 *
 * @param options - the server URL, the TLS settings, the clock and the time allowed.
 * @returns the connect in progress.
 * @internal
 */
export function connectHttp2Session(options: {
  url: URL;
  tls: tls.ConnectionOptions;
  clock: Clock;
  timeoutMilliseconds: number;
}): PendingSession {
  const { url, clock, timeoutMilliseconds } = options;
  const origin = url.origin;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const connectOptions: tls.ConnectionOptions = {
    ...options.tls,
    host,
    port: url.port === '' ? 443 : Number(url.port),
    ALPNProtocols: ['h2', 'http/1.1'],
  };
  if (connectOptions.servername === undefined && isIP(host) === 0) {
    connectOptions.servername = host;
  }
  let resolve: (connected: ConnectedSession) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const connected = new Promise<ConnectedSession>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  let settled = false;
  let session: http2.ClientHttp2Session | undefined;
  let socket: tls.TLSSocket | undefined;
  const fail = (error: unknown): void => {
    if (settled) return;
    settled = true;
    clock.clearTimeout(timer);
    socket?.destroy();
    session?.destroy();
    reject(error);
  };
  try {
    socket = tls.connect(connectOptions);
  } catch (error) {
    // Unusable TLS material (a malformed certificate or key) throws at once.
    settled = true;
    reject(error);
    return { connected, abort: () => undefined };
  }
  const tlsSocket = socket;
  const timer = setUnrefTimeout(
    clock,
    () =>
      fail(
        new ConnectionLostError('connect-timeout', {
          origin,
          detail: `no HTTP/2 session within ${timeoutMilliseconds} ms`,
        }),
      ),
    timeoutMilliseconds,
  );
  tlsSocket.setKeepAlive(true, 30_000);
  // Kept for the socket's life: a TLS failure can emit 'error' more than once.
  tlsSocket.on('error', fail);
  tlsSocket.once('secureConnect', () => {
    if (settled) return;
    if (tlsSocket.alpnProtocol !== 'h2') {
      fail(new Http2NotNegotiatedError(origin, tlsSocket.alpnProtocol));
      return;
    }
    const opened = http2.connect(origin, {
      createConnection: () => tlsSocket,
      settings: { enablePush: false, initialWindowSize: streamWindowBytes },
    });
    session = opened;
    // Errors reach the streams (and the connection's loss); without a listener the process
    // would crash on them.
    opened.on('error', () => undefined);
    opened.once('connect', () => {
      if (!opened.destroyed) opened.setLocalWindowSize(connectionWindowBytes);
    });
    opened.once('remoteSettings', (remoteSettings: http2.Settings) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolve({ session: opened, socket: tlsSocket, remoteSettings });
    });
    opened.once('close', () => fail(new ConnectionLostError('closed', { origin })));
  });
  return { connected, abort: fail };
}
