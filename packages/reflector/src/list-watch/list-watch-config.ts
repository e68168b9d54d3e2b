import { InvalidListWatchConfigError } from '../errors/invalid-list-watch-config-error';
import type { KubeConfigLike } from '../transport/kube-config-like';

/** The cluster client-node's `loadFromDefault()` falls back to when it finds no configuration. */
const fallbackClusterName = 'cluster';
const fallbackServer = 'http://localhost:8080';

/** What client-node (1.x and 2.x) throws for an `http://` server without `skipTLSVerify`. */
const plainHttpRefusal = 'HTTP protocol is not allowed when skipTLSVerify is not set';

/** The optional cluster fields kube-cache reads to explain a refusal. */
interface ClusterFields {
  name?: unknown;
  server?: unknown;
  skipTLSVerify?: unknown;
  proxyUrl?: unknown;
}

const noKubeconfig =
  'no kubeconfig found: KUBECONFIG is not set, ~/.kube/config does not exist and this is not a ' +
  "pod with a service account, so client-node's loadFromDefault() fell back to " +
  `${fallbackServer}, which it refuses; set KUBECONFIG or load a kubeconfig file`;

/**
 * The server URL of the KubeConfig's current cluster, checked: it exists, parses as an `http:` or
 * `https:` URL without user info (credentials belong to the KubeConfig's user, and a URL may be
 * quoted in messages), and is not client-node's `localhost:8080` fallback for "nothing
 * configured". The URL itself is never quoted in the error.
 *
 * @param kubeConfig - the KubeConfig.
 * @returns the server URL.
 * @throws {@link InvalidListWatchConfigError} when the server can never be used.
 * @internal
 */
export function checkedServer(kubeConfig: KubeConfigLike): string {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null || typeof cluster.server !== 'string' || cluster.server === '') {
    throw new InvalidListWatchConfigError(
      'the KubeConfig has no current cluster with a server URL (is a current context set?)',
    );
  }
  if (isFallbackCluster(cluster)) throw new InvalidListWatchConfigError(noKubeconfig);
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new InvalidListWatchConfigError(
      "the current cluster's server is not a valid URL (expected https://host:port)",
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidListWatchConfigError(
      `the current cluster's server URL has the scheme ${JSON.stringify(url.protocol)}; expected https: (or http:)`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidListWatchConfigError(
      "the current cluster's server URL carries a user name or password; put credentials in the KubeConfig's user instead",
    );
  }
  return cluster.server;
}

/**
 * Turns a request failure that no retry can cure into an {@link InvalidListWatchConfigError}
 * (with the original as `cause`): client-node refusing an `http://` server that is not marked
 * `insecure-skip-tls-verify`, or a certificate, key, CA or token file named by the KubeConfig
 * that does not exist or cannot be read. Any other error is returned as it is.
 *
 * @param error - what a request threw.
 * @param kubeConfig - the KubeConfig, to explain the failure.
 * @returns the error to throw.
 * @internal
 */
export function asConfigError(error: unknown, kubeConfig: KubeConfigLike): unknown {
  if (!(error instanceof Error) || InvalidListWatchConfigError.isInstance(error)) return error;
  if (error.message.includes(plainHttpRefusal)) {
    const cluster = kubeConfig.getCurrentCluster() as ClusterFields | null;
    const message =
      cluster !== null && isFallbackCluster(cluster)
        ? noKubeconfig
        : "the current cluster's server is http:// and the cluster is not marked " +
          'insecure-skip-tls-verify, so client-node refuses every request; use an https:// server, ' +
          'or mark a plain-HTTP cluster insecure-skip-tls-verify: true';
    return new InvalidListWatchConfigError(message, { cause: error });
  }
  const { code, syscall, path } = error as { code?: unknown; syscall?: unknown; path?: unknown };
  const unreadable = code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR';
  if (unreadable && syscall === 'open' && typeof path === 'string') {
    return new InvalidListWatchConfigError(
      `a file the KubeConfig names cannot be read (${code}): ${path}`,
      { cause: error },
    );
  }
  return error;
}

function isFallbackCluster(cluster: ClusterFields): boolean {
  return (
    cluster.name === fallbackClusterName &&
    cluster.server === fallbackServer &&
    cluster.skipTLSVerify !== true &&
    (cluster.proxyUrl === undefined || cluster.proxyUrl === '')
  );
}
