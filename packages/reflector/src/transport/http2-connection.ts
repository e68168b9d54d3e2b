import type * as http2 from 'node:http2';
import type * as tls from 'node:tls';
import type { Clock } from '@kube-cache/store-core';
import { connectHttp2Session } from './connect-http2-session';
import type { ConnectedSession } from './connect-http2-session';
import { ConnectionLostError } from '../errors/connection-lost-error';
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
  readonly #markClosed: () => void;

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
    this.#markClosed = markClosed;
    const pending = connectHttp2Session({
      url: options.url,
      tls: options.tls,
      clock: options.settings.clock,
      timeoutMilliseconds: options.settings.connectTimeoutMilliseconds,
    });
    this.#abortConnect = pending.abort;
    this.ready = pending.connected.then(
      (connected) => this.#adopt(connected),
      (error: unknown) => {
        this.#state = 'closed';
        this.#abortConnect = undefined;
        markClosed();
        // A promise reaction: the pool has added this connection to its group by now.
        this.#onClosed(this);
        throw error;
      },
    );
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

  #adopt({ session, socket, remoteSettings }: ConnectedSession): void {
    const { clock } = this.#settings;
    this.#abortConnect = undefined;
    this.#session = session;
    const applySettings = (remote: http2.Settings): void => {
      const limit = remote.maxConcurrentStreams ?? maxConcurrentStreamsCeiling;
      this.#maxConcurrentStreams = Math.min(limit, maxConcurrentStreamsCeiling);
    };
    applySettings(remoteSettings);
    session.on('remoteSettings', applySettings);
    session.on('goaway', () => {
      if (this.#state === 'ready') this.#state = 'draining';
      if (this.#openStreams === 0) session.close();
    });
    const closed = (): void => {
      this.#state = 'closed';
      this.#healthCheck?.stop();
      if (this.#idleTimer !== undefined) clock.clearTimeout(this.#idleTimer);
      this.#markClosed();
      this.#onClosed(this);
    };
    if (session.destroyed || session.closed) {
      closed();
      return;
    }
    session.once('close', closed);
    this.#state = 'ready';
    this.#startHealthCheck(session, socket);
    session.unref();
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
