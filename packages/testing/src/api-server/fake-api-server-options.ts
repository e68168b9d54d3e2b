import type { ResourceDefinition } from '../cluster/resource-definition';
import type { WireProtocol } from './served-connections';

/**
 * Options of {@link FakeApiServer.start}.
 *
 * @since 0.1.0
 */
export interface FakeApiServerOptions {
  /**
   * Defaults to `127.0.0.1`. Any address other than loopback requires a `token` (or `https`,
   * which generates one): the fake never serves other machines unauthenticated.
   */
  readonly host?: string | undefined;
  /** Defaults to 0: a random free port. */
  readonly port?: number | undefined;
  /** Serve HTTPS with a self-signed certificate generated at start, and require a bearer token. */
  readonly https?: boolean | undefined;
  /** The bearer token to require; generated when `https` is set and none is given. */
  readonly token?: string | undefined;
  /**
   * Extra resources, served beside pods, configmaps, namespaces, nodes and leases; one with the
   * group, version and kind of a default resource replaces it.
   */
  readonly resources?: readonly ResourceDefinition[] | undefined;
  /** How often watches with `allowWatchBookmarks=true` get a BOOKMARK. Defaults to 60 s. */
  readonly bookmarkIntervalMilliseconds?: number | undefined;
  /**
   * How many changes are kept for watches, exact reads and continue tokens (older ones answer
   * 410 Expired). Defaults to 250,000.
   */
  readonly historyLimit?: number | undefined;
  /** Delay before every request is handled. Defaults to 0. */
  readonly latencyMilliseconds?: number | undefined;
  /**
   * With `https`: the protocols ALPN may choose, in the server's order of preference. Defaults to
   * `['h2', 'http/1.1']`; `['http/1.1']` makes a server without HTTP/2. Plain HTTP is always
   * HTTP/1.1.
   *
   * @since 0.2.0
   */
  readonly protocols?: readonly WireProtocol[] | undefined;
  /**
   * With `https` and `h2`: the `SETTINGS_MAX_CONCURRENT_STREAMS` announced to HTTP/2 clients.
   * Defaults to 250, the generic API server's default.
   *
   * @since 0.2.0
   */
  readonly maxConcurrentStreams?: number | undefined;
}
