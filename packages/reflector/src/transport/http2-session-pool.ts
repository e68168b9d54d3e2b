import type { ConnectionOptions } from 'node:tls';
import { raceAbort } from '../watch/race-abort';
import { Http2Connection } from './http2-connection';
import type { Http2ConnectionSettings } from './http2-connection';
import type { TransportSessionInfo } from './transport-types';

/**
 * The HTTP/2 sessions of one transport, grouped by origin and TLS identity: a request goes to the
 * oldest session with a free stream slot; when every session is at the server's
 * `SETTINGS_MAX_CONCURRENT_STREAMS`, a new session is opened instead of queueing (as x/net does
 * for client-go with `StrictMaxConcurrentStreams` off). Requests that arrive while a session is
 * connecting wait for it.
 *
 * @internal
 */
export class Http2SessionPool {
  readonly #settings: Http2ConnectionSettings;
  readonly #groups = new Map<string, Http2Connection[]>();

  /**
   * @param settings - the timings of every session.
   */
  constructor(settings: Http2ConnectionSettings) {
    this.#settings = settings;
  }

  /**
   * A session with a stream slot reserved for the caller (give it back with `release()`).
   *
   * @param key - the origin and TLS identity.
   * @param url - the request URL (its origin is connected to).
   * @param tls - the TLS settings.
   * @param signal - stops waiting for a session.
   * @returns the session.
   * @throws the connect error (`ECONNREFUSED`, a TLS error, an `Http2NotNegotiatedError`, a
   *   `ConnectionLostError` for a connect timeout); `signal.reason` when it aborts.
   */
  async acquire(
    key: string,
    url: URL,
    tls: ConnectionOptions,
    signal: AbortSignal,
  ): Promise<Http2Connection> {
    for (;;) {
      signal.throwIfAborted();
      const group = this.#groups.get(key) ?? [];
      const available = group.find((connection) => connection.hasCapacity);
      if (available !== undefined) {
        available.reserve();
        return available;
      }
      const pending =
        group.find((connection) => connection.connecting) ?? this.#open(key, group, url, tls);
      await raceAbort(pending.ready, signal);
    }
  }

  /**
   * The read-out of every session.
   *
   * @returns one entry per session.
   */
  sessions(): TransportSessionInfo[] {
    return [...this.#groups.values()].flat().map((connection) => connection.info());
  }

  /**
   * Closes every session (open streams fail with a `ConnectionLostError`).
   *
   * @returns a promise that resolves once all are closed.
   */
  async close(): Promise<void> {
    const all = [...this.#groups.values()].flat();
    this.#groups.clear();
    await Promise.all(all.map((connection) => connection.close()));
  }

  #open(key: string, group: Http2Connection[], url: URL, tls: ConnectionOptions): Http2Connection {
    const connection = new Http2Connection({
      url,
      tls,
      settings: this.#settings,
      onClosed: (closed) => {
        const current = this.#groups.get(key);
        if (current === undefined) return;
        const remaining = current.filter((candidate) => candidate !== closed);
        if (remaining.length === 0) this.#groups.delete(key);
        else this.#groups.set(key, remaining);
      },
    });
    this.#groups.set(key, [...group, connection]);
    return connection;
  }
}
