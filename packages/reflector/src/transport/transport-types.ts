import type { Clock } from '@kube-cache/store-core';
import type { KubeConfigLike } from './kube-config-like';

/**
 * Which protocol a {@link KubeTransport} speaks: `auto` (HTTP/2 over TLS when the server offers
 * `h2` by ALPN; HTTP/1.1 for `http://` servers, through a proxy, or when the server has no `h2`),
 * or one forced. `http2` over a proxy or to an `http://` server is refused with an
 * `InvalidListWatchConfigError`, since HTTP/2 there is not supported.
 *
 * @since 0.2.0
 */
export type TransportProtocolPreference = 'auto' | 'http2' | 'http1';

/**
 * The protocol a request actually used.
 *
 * @since 0.2.0
 */
export type TransportProtocol = 'h2' | 'http/1.1';

/**
 * Options of a {@link KubeTransport}.
 *
 * @since 0.2.0
 */
export interface KubeTransportOptions {
  /** Server, credentials, TLS and proxy (`applyToHTTPSOptions` is called for every request). */
  kubeConfig: KubeConfigLike;
  /** Default `auto`. */
  protocol?: TransportProtocolPreference | undefined;
  /**
   * The HTTP/2 health check: when nothing was read on a session for this long, a PING is sent.
   * Default 30,000 (client-go's), or the environment variable `HTTP2_READ_IDLE_TIMEOUT_SECONDS`
   * (whole seconds) as client-go reads it; 0 turns the health check off.
   */
  readIdleTimeoutMilliseconds?: number | undefined;
  /**
   * How long to wait for the PING's ACK before the session is destroyed. Default 15,000, or the
   * environment variable `HTTP2_PING_TIMEOUT_SECONDS` (whole seconds); 0 means the default.
   */
  pingTimeoutMilliseconds?: number | undefined;
  /** The timers of the health check, the connect timeout and the idle close (fake-time tests). */
  clock?: Clock | undefined;
}

/**
 * Options of one {@link KubeTransport.request}.
 *
 * @since 0.2.0
 */
export interface TransportRequestOptions {
  /** Aborts the request and its response body. */
  signal: AbortSignal;
  /** Overrides the transport's protocol for this request. */
  protocol?: TransportProtocolPreference | undefined;
}

/**
 * A 2xx answer whose body has not been read yet.
 *
 * @since 0.2.0
 */
export interface TransportResponse {
  /** The protocol the request went over. */
  readonly protocol: TransportProtocol;
  /** Whether an HTTP/2 ping health check watches the connection under this response. */
  readonly connectionHealthChecked: boolean;
  /** The body, as Buffers as they arrive. Fails with a `ConnectionLostError` if the session dies. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Stops reading and releases the stream (idempotent). */
  destroy(error?: Error): void;
}

/**
 * A read-out of one connection of a {@link KubeTransport}.
 *
 * @since 0.2.0
 */
export interface TransportSessionInfo {
  /** `h2` for a shared HTTP/2 session. HTTP/1.1 connections are pooled by Node and not listed. */
  readonly protocol: TransportProtocol;
  /** The server's origin. */
  readonly origin: string;
  /** Requests open on the session (waiting for an answer or reading a body). */
  readonly openStreams: number;
  /** The server's `SETTINGS_MAX_CONCURRENT_STREAMS` (100 until its SETTINGS arrived). */
  readonly maxConcurrentStreams: number;
  /** Whether a health-check PING is waiting for its ACK. */
  readonly pingOutstanding: boolean;
  /** Health-check PINGs sent on this session so far. */
  readonly pingsSent: number;
}
