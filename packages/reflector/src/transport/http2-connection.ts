import * as http2 from 'node:http2';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { Clock } from '../clock';
import { ConnectionLostError } from './connection-lost-error';
import { Http2NotNegotiatedError } from './http2-not-negotiated-error';
import { SessionHealthCheck } from './session-health-check';
import type { TransportSessionInfo } from './transport-types';
import { setUnrefTimeout } from './unref-timer';

/**
 * The timing settings of {@link Http2Connection}s.
 *
 * @internal
 */
export interface Http2ConnectionSettings {
  readonly clock: Clock;
  /** 0 turns the health check off. */
  readonly readIdleMilliseconds: number;
  readonly pingTimeoutMilliseconds: number;
  /** TCP + TLS + the server's first SETTINGS. */
  readonly connectTimeoutMilliseconds: number;
  /** A session without streams for this long is closed. */
  readonly idleCloseMilliseconds: number;
}

// Before the server's SETTINGS arrive, and as a ceiling for "unlimited" (x/net's values).
const initialMaxConcurrentStreams = 100;
const maxConcurrentStreamsCeiling = 1000;
// Flow-control windows as Go's HTTP/2 client (4 MiB a stream; 64 MiB the connection, Go: 1 GiB):
// HTTP/2's 64 KiB default would cap a list at 64 KiB per round trip on a distant cluster. Data is
// only buffered up to them while the reader is slower than the network.
const streamWindowBytes = 4 * 1024 * 1024;
const connectionWindowBytes = 64 * 1024 * 1024;

type State = 'connecting' | 'ready' | 'draining' | 'closed';

/**
 * One HTTP/2 session over TLS (ALPN `h2`) to one origin with one TLS identity: counts its open
 * streams against the server's `SETTINGS_MAX_CONCURRENT_STREAMS`, runs the PING health check,
 * keeps the process alive only while streams are open, and closes itself after a while without
 * streams. When it dies with streams open, each of them fails with one shared
 * {@link ConnectionLostError}.
 *
 * @internal
 */
export class Http2Connection {
  readonly origin: string;
  /** Resolves once the server's first SETTINGS arrived; rejects when connecting fails. */
  readonly ready: Promise<void>;
  readonly #settings: Http2ConnectionSettings;
  readonly #onClosed: (connection: Http2Connection) => void;
  #session: http2.ClientHttp2Session | undefined;
  #state: State = 'connecting';
  #openStreams = 0;
  #maxConcurrentStreams = initialMaxConcurrentStreams;
  #healthCheck: SessionHealthCheck | undefined;
  #lostError: ConnectionLostError | undefined;
  #idleTimer: unknown;
  /** Ends a connect in progress (set while connecting). */
  #abortConnect: ((error: unknown) => void) | undefined;
  readonly #closed: Promise<void>;

  /**
   * Starts connecting.
   *
   * @param options - the server URL, the TLS settings, the timings and a callback for the close.
   */
  constructor(options: {
    url: URL;
    tls: tls.ConnectionOptions;
    settings: Http2ConnectionSettings;
    onClosed: (connection: Http2Connection) => void;
  }) {
    this.origin = options.url.origin;
    this.#settings = options.settings;
    this.#onClosed = options.onClosed;
    let markClosed = (): void => undefined;
    this.#closed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const fail = (error: unknown): void => {
        this.#state = 'closed';
        this.#abortConnect = undefined;
        markClosed();
        // Later: the pool adds this connection to its group after the constructor returns.
        queueMicrotask(() => this.#onClosed(this));
        // Passed through untouched (ECONNREFUSED, a TLS error): callers tell them apart.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      };
      try {
        this.#connect(options.url, options.tls, resolve, fail, markClosed);
      } catch (error) {
        // Unusable TLS material (a malformed certificate or key) throws at once.
        fail(error);
      }
    });
    // A failed connect is reported to whoever awaits `ready`; never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Whether new streams may be opened on it now (connected, not draining, below the limit). */
  get hasCapacity(): boolean {
    const session = this.#session;
    return (
      this.#state === 'ready' &&
      session !== undefined &&
      !session.destroyed &&
      !session.closed &&
      this.#openStreams < this.#maxConcurrentStreams
    );
  }

  /** Whether it is still connecting. */
  get connecting(): boolean {
    return this.#state === 'connecting';
  }

  /** The session, once ready. */
  get session(): http2.ClientHttp2Session {
    if (this.#session === undefined) throw new Error('the HTTP/2 session is not connected yet');
    return this.#session;
  }

  /** Whether the PING health check runs on this session. */
  get healthChecked(): boolean {
    return this.#settings.readIdleMilliseconds > 0;
  }

  /**
   * The read-out of this session.
   *
   * @returns the session's protocol, origin, streams and health-check state.
   */
  info(): TransportSessionInfo {
    return {
      protocol: 'h2',
      origin: this.origin,
      openStreams: this.#openStreams,
      maxConcurrentStreams: this.#maxConcurrentStreams,
      pingOutstanding: this.#healthCheck?.pingOutstanding ?? false,
      pingsSent: this.#healthCheck?.pingsSent ?? 0,
    };
  }

  /** Takes a stream slot (call only when {@link Http2Connection.hasCapacity}). */
  reserve(): void {
    this.#openStreams += 1;
    if (this.#idleTimer !== undefined) {
      this.#settings.clock.clearTimeout(this.#idleTimer);
      this.#idleTimer = undefined;
    }
    this.#session?.ref();
  }

  /** Gives a stream slot back. */
  release(): void {
    this.#openStreams -= 1;
    if (this.#openStreams > 0 || this.#session === undefined) return;
    this.#session.unref();
    if (this.#state === 'draining') {
      this.#session.close();
      return;
    }
    if (this.#state !== 'ready') return;
    this.#idleTimer = setUnrefTimeout(
      this.#settings.clock,
      () => {
        this.#idleTimer = undefined;
        if (this.#openStreams > 0 || this.#state !== 'ready') return;
        this.#state = 'draining';
        this.#session?.close();
      },
      this.#settings.idleCloseMilliseconds,
    );
  }

  /** A body chunk was read: feeds the health check. */
  markRead(): void {
    this.#healthCheck?.markRead();
  }

  /**
   * The error a failed stream of this session should fail with: the shared
   * {@link ConnectionLostError} when the session is gone, else `undefined` (a stream-level error).
   *
   * @param cause - the stream's own error.
   * @returns the connection loss, or `undefined`.
   */
  lossFor(cause: unknown): ConnectionLostError | undefined {
    if (this.#lostError !== undefined) return this.#lostError;
    const session = this.#session;
    if (this.#state !== 'closed' && session !== undefined && !session.destroyed && !session.closed)
      return undefined;
    this.#lostError = new ConnectionLostError('closed', { origin: this.origin, cause });
    return this.#lostError;
  }

  /**
   * Closes the session: gracefully when no stream is open, else at once (the open streams fail
   * with a {@link ConnectionLostError}).
   *
   * @returns a promise that resolves once it is closed.
   */
  close(): Promise<void> {
    const session = this.#session;
    if (session === undefined || this.#state === 'connecting') {
      this.#abortConnect?.(
        new ConnectionLostError('closed', {
          origin: this.origin,
          detail: 'the transport was closed',
        }),
      );
      return this.#closed;
    }
    if (this.#openStreams === 0) session.close();
    else {
      this.#lostError ??= new ConnectionLostError('closed', {
        origin: this.origin,
        detail: 'the transport was closed',
      });
      session.destroy(this.#lostError);
    }
    return this.#closed;
  }

  #connect(
    url: URL,
    tlsOptions: tls.ConnectionOptions,
    resolve: () => void,
    fail: (error: unknown) => void,
    markClosed: () => void,
  ): void {
    const { clock, connectTimeoutMilliseconds } = this.#settings;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const options: tls.ConnectionOptions = {
      ...tlsOptions,
      host,
      port: url.port === '' ? 443 : Number(url.port),
      ALPNProtocols: ['h2', 'http/1.1'],
    };
    if (options.servername === undefined && isIP(host) === 0) options.servername = host;
    let settled = false;
    let connected = false;
    const failOnce = (error: unknown): void => {
      if (settled) return;
      settled = true;
      this.#abortConnect = undefined;
      clock.clearTimeout(connectTimer);
      socket.destroy();
      this.#session?.destroy();
      fail(error);
    };
    const socket = tls.connect(options);
    this.#abortConnect = failOnce;
    const connectTimer = setUnrefTimeout(
      clock,
      () =>
        failOnce(
          new ConnectionLostError('connect-timeout', {
            origin: this.origin,
            detail: `no HTTP/2 session within ${connectTimeoutMilliseconds} ms`,
          }),
        ),
      connectTimeoutMilliseconds,
    );

    socket.setKeepAlive(true, 30_000);
    // Kept for the socket's life: a TLS failure can emit 'error' more than once.
    socket.on('error', failOnce);
    socket.once('secureConnect', () => {
      if (settled) return;
      if (socket.alpnProtocol !== 'h2') {
        failOnce(new Http2NotNegotiatedError(this.origin, socket.alpnProtocol));
        return;
      }
      const session = http2.connect(url.origin, {
        createConnection: () => socket,
        settings: { enablePush: false, initialWindowSize: streamWindowBytes },
      });
      this.#session = session;
      session.once('connect', () => {
        if (!session.destroyed) session.setLocalWindowSize(connectionWindowBytes);
      });
      session.on('error', () => {
        // The cause reaches the streams (and `lossFor`); the session's error itself needs no
        // report, and without a listener it would crash the process.
      });
      session.on('remoteSettings', (remote: http2.Settings) => {
        const limit = remote.maxConcurrentStreams ?? maxConcurrentStreamsCeiling;
        this.#maxConcurrentStreams = Math.min(limit, maxConcurrentStreamsCeiling);
        if (settled) return;
        settled = true;
        connected = true;
        this.#abortConnect = undefined;
        clock.clearTimeout(connectTimer);
        this.#state = 'ready';
        this.#startHealthCheck(session, socket);
        session.unref();
        resolve();
      });
      session.on('goaway', () => {
        if (this.#state === 'ready') this.#state = 'draining';
        if (this.#openStreams === 0) session.close();
      });
      session.once('close', () => {
        this.#state = 'closed';
        this.#healthCheck?.stop();
        if (this.#idleTimer !== undefined) clock.clearTimeout(this.#idleTimer);
        if (!connected) {
          failOnce(new ConnectionLostError('closed', { origin: this.origin }));
          return;
        }
        markClosed();
        this.#onClosed(this);
      });
    });
  }

  #startHealthCheck(session: http2.ClientHttp2Session, socket: tls.TLSSocket): void {
    const { clock, readIdleMilliseconds, pingTimeoutMilliseconds } = this.#settings;
    if (readIdleMilliseconds <= 0) return;
    this.#healthCheck = new SessionHealthCheck({
      clock,
      readIdleMilliseconds,
      pingTimeoutMilliseconds,
      session: {
        bytesRead: () => socket.bytesRead,
        ping: (onAck) => {
          if (session.destroyed) return;
          session.ping((error) => {
            if (error === null) onAck();
          });
        },
        dead: () => {
          this.#lostError = new ConnectionLostError('ping-timeout', {
            origin: this.origin,
            detail: `nothing read for ${readIdleMilliseconds} ms, then no PING ACK within ${pingTimeoutMilliseconds} ms`,
          });
          // No new stream may pick this session between now and its 'close' event.
          this.#state = 'closed';
          session.destroy(this.#lostError);
        },
      },
    });
  }
}
