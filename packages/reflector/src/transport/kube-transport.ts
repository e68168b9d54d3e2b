import { ApiStatusError } from '@kube-cache/indexer';
import { systemClock } from '@kube-cache/store-core';
import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import { http1Request } from './http1-request';
import { Http2NotNegotiatedError } from '../errors/http2-not-negotiated-error';
import { http2Request, wasNotProcessed } from './http2-request';
import { Http2SessionPool } from './http2-session-pool';
import type { KubeConfigLike } from './kube-config-like';
import { resolveRequestCredentials } from './request-credentials';
import type { RequestCredentials } from './request-credentials';
import { TransportClosedError } from '../errors/transport-closed-error';
import type {
  KubeTransportOptions,
  TransportProtocolPreference,
  TransportRequestOptions,
  TransportResponse,
  TransportSessionInfo,
} from './transport-types';

const defaultReadIdleTimeoutMilliseconds = 30_000;
const defaultPingTimeoutMilliseconds = 15_000;
const connectTimeoutMilliseconds = 30_000;
// As Go's DefaultTransport IdleConnTimeout.
const idleCloseMilliseconds = 90_000;

/**
 * How kube-cache talks to one Kubernetes API server: GET requests with everything the KubeConfig's
 * `applyToHTTPSOptions` gives (CA, client certificate, bearer token, exec and auth-provider
 * plugins, `insecure-skip-tls-verify`, `tls-server-name`), over **HTTP/2** when the server offers
 * `h2` by ALPN, else over HTTP/1.1.
 *
 * - One connection per cluster: every request with the same origin and TLS identity shares one
 *   HTTP/2 session; a second one opens only when the server's `SETTINGS_MAX_CONCURRENT_STREAMS`
 *   is reached. Sessions without streams do not keep the process alive and close after 90 s.
 * - client-go's health check per session: nothing read for `readIdleTimeoutMilliseconds` (30 s)
 *   sends a PING; no ACK within `pingTimeoutMilliseconds` (15 s) destroys the session, and every
 *   list and watch on it fails with one {@link ConnectionLostError}.
 * - HTTP/1.1 (`node:http(s)` with the KubeConfig's agent) for `http://` servers, through a proxy
 *   (the KubeConfig's `proxy-url`), when the server has no `h2`, with `protocol: 'http1'`, or when
 *   the environment variable `DISABLE_HTTP2` is set (as client-go) and no `protocol` is given.
 * - A `401` asks the KubeConfig for its credentials again and retries once (refreshed tokens).
 * - No credential ever appears in an error: a non-`Status` error body is described by its length.
 *
 * {@link KubeTransport.forKubeConfig} gives the transport shared by every `createListWatch` of one
 * KubeConfig object; create your own to choose options, and `close()` it when done.
 *
 * @example
 * ```ts
 * const transport = new KubeTransport({ kubeConfig, readIdleTimeoutMilliseconds: 10_000 });
 * const pods = createListWatch(kubeConfig, { apiVersion: 'v1', plural: 'pods' }, { transport });
 * // ... later
 * await transport.close();
 * ```
 * @since 0.2.0
 */
export class KubeTransport {
  static readonly #shared = new WeakMap<KubeConfigLike, KubeTransport>();
  readonly #kubeConfig: KubeConfigLike;
  readonly #protocol: TransportProtocolPreference;
  readonly #pool: Http2SessionPool;
  readonly #http1Only = new Set<string>();
  #closed = false;

  /**
   * @param options - the KubeConfig, the protocol and the health-check timings.
   * @throws {@link InvalidListWatchConfigError} for a missing KubeConfig or a negative or
   *   non-finite timing.
   */
  constructor(options: KubeTransportOptions) {
    if (typeof options.kubeConfig?.applyToHTTPSOptions !== 'function') {
      throw new InvalidListWatchConfigError('KubeTransport needs a kubeConfig');
    }
    this.#kubeConfig = options.kubeConfig;
    this.#protocol = options.protocol ?? defaultProtocol();
    if (!['auto', 'http2', 'http1'].includes(this.#protocol)) {
      throw new InvalidListWatchConfigError(
        `protocol must be 'auto', 'http2' or 'http1', not ${JSON.stringify(this.#protocol)}`,
      );
    }
    const readIdle = timing(
      'readIdleTimeoutMilliseconds',
      options.readIdleTimeoutMilliseconds,
      secondsFromEnvironment('HTTP2_READ_IDLE_TIMEOUT_SECONDS', defaultReadIdleTimeoutMilliseconds),
    );
    const pingTimeout = timing(
      'pingTimeoutMilliseconds',
      options.pingTimeoutMilliseconds,
      secondsFromEnvironment('HTTP2_PING_TIMEOUT_SECONDS', defaultPingTimeoutMilliseconds),
    );
    this.#pool = new Http2SessionPool({
      clock: options.clock ?? systemClock,
      readIdleMilliseconds: readIdle,
      // As x/net: a ping timeout of 0 means the default.
      pingTimeoutMilliseconds: pingTimeout === 0 ? defaultPingTimeoutMilliseconds : pingTimeout,
      connectTimeoutMilliseconds,
      idleCloseMilliseconds,
    });
  }

  /**
   * The transport shared by everything created from one KubeConfig object (default options); a
   * fresh one once that was closed.
   *
   * @param kubeConfig - the KubeConfig.
   * @returns the same transport for the same object.
   */
  static forKubeConfig(kubeConfig: KubeConfigLike): KubeTransport {
    let transport = KubeTransport.#shared.get(kubeConfig);
    if (transport === undefined || transport.#closed) {
      transport = new KubeTransport({ kubeConfig });
      KubeTransport.#shared.set(kubeConfig, transport);
    }
    return transport;
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The protocol preference requests use unless they give their own. */
  get protocol(): TransportProtocolPreference {
    return this.#protocol;
  }

  /**
   * Sends a GET and resolves once a 2xx answer's headers arrived.
   *
   * @param url - the request URL (on the KubeConfig's server).
   * @param options - the abort signal, and a protocol for this request only.
   * @returns the response, its body not yet read.
   * @throws an `ApiStatusError` for a non-2xx answer (after one retry with fresh credentials
   *   for a 401); a `ConnectionLostError`; the network error (`code: 'ECONNREFUSED'`, ...); an
   *   {@link Http2NotNegotiatedError} when `http2` is forced and the server has none; an
   *   `InvalidListWatchConfigError` when `http2` is forced for an `http://` server or a proxy; a
   *   {@link TransportClosedError} after `close()`; `signal.reason` when it aborts.
   */
  async request(url: URL, options: TransportRequestOptions): Promise<TransportResponse> {
    const preference = options.protocol ?? this.#protocol;
    let reauthenticated = false;
    let resent = false;
    for (;;) {
      try {
        return await this.#send(url, preference, options.signal);
      } catch (error) {
        if (options.signal.aborted) throw error;
        if (!resent && wasNotProcessed(error)) {
          // Refused by the server before any processing (stream limit, GOAWAY): send again.
          resent = true;
          continue;
        }
        const unauthorized = ApiStatusError.isInstance(error) && error.code === 401;
        if (reauthenticated || !unauthorized) throw error;
        // Credentials may have been refreshed meanwhile (exec plugin, token file): ask again once.
        reauthenticated = true;
      }
    }
  }

  /**
   * The HTTP/2 sessions open now.
   *
   * @returns one entry per session.
   */
  sessions(): readonly TransportSessionInfo[] {
    return this.#pool.sessions();
  }

  /**
   * Closes every session; open lists and watches fail with a `ConnectionLostError`, later
   * requests with a {@link TransportClosedError}.
   *
   * @returns a promise that resolves once the sessions are closed.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#pool.close();
  }

  async #send(
    url: URL,
    preference: TransportProtocolPreference,
    signal: AbortSignal,
  ): Promise<TransportResponse> {
    if (this.#closed) throw new TransportClosedError();
    const credentials = await resolveRequestCredentials(this.#kubeConfig);
    signal.throwIfAborted();
    if (!http2Possible(url, credentials, preference)) return http1Request(url, credentials, signal);
    const key = `${url.origin} ${credentials.identity}`;
    if (preference === 'auto' && this.#http1Only.has(key)) {
      return http1Request(url, credentials, signal);
    }
    let connection;
    try {
      connection = await this.#pool.acquire(key, url, credentials.tls, signal);
    } catch (error) {
      if (preference !== 'auto' || !Http2NotNegotiatedError.isInstance(error)) throw error;
      this.#http1Only.add(key);
      return http1Request(url, credentials, signal);
    }
    return http2Request(connection, url, {
      headers: credentials.headers,
      secrets: credentials.secrets,
      signal,
    });
  }
}

function http2Possible(
  url: URL,
  credentials: RequestCredentials,
  preference: TransportProtocolPreference,
): boolean {
  if (preference === 'http1') return false;
  let obstacle: string | undefined;
  if (url.protocol !== 'https:') obstacle = 'an http:// server (HTTP/2 needs TLS here)';
  else if (credentials.proxied) obstacle = 'a proxy';
  if (obstacle === undefined) return true;
  if (preference === 'http2') {
    throw new InvalidListWatchConfigError(
      `protocol 'http2' was asked for, but not possible with ${obstacle}`,
    );
  }
  return false;
}

function defaultProtocol(): TransportProtocolPreference {
  const disabled = process.env.DISABLE_HTTP2;
  return disabled !== undefined && disabled !== '' ? 'http1' : 'auto';
}

const warnedVariables = new Set<string>();

/** client-go's environment overrides of the health check: whole seconds; anything else warns once. */
function secondsFromEnvironment(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (/^\d{1,6}$/.test(value.trim())) return Number(value.trim()) * 1000;
  if (!warnedVariables.has(name)) {
    warnedVariables.add(name);
    process.emitWarning(`${name} is not a whole number of seconds; using ${fallback / 1000}`, {
      code: 'KUBE_CACHE_BAD_HTTP2_SETTING',
    });
  }
  return fallback;
}

function timing(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidListWatchConfigError(`${name} must be a finite number >= 0, not ${value}`);
  }
  return value;
}
