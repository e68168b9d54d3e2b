import type { KubeCluster } from './kube-cluster';
import { buildKubeconfig } from './kubeconfig';
import type { TcpProxy } from './tcp-proxy';

/**
 * A kubeconfig (as a plain object) for the cluster's admin that reaches the API server through a
 * {@link TcpProxy}: the same scheme, CA and token, only the port is the proxy's. The serving
 * certificate names `127.0.0.1`, so TLS still validates through the proxy. Load it with
 * `kubeConfig.loadFromString(JSON.stringify(...))`.
 *
 * @param cluster - the running cluster (its server, CA and admin token).
 * @param proxy - a proxy in front of `cluster.server`.
 * @returns the kubeconfig, with its one context current.
 * @example
 * ```ts
 * const proxy = await TcpProxy.start({ targetPort: Number(new URL(cluster.server).port) });
 * const kubeConfig = new KubeConfig();
 * kubeConfig.loadFromString(JSON.stringify(proxiedKubeconfig(cluster, proxy)));
 * ```
 * @since 0.2.0
 */
export function proxiedKubeconfig(
  cluster: Pick<KubeCluster, 'server' | 'certificateAuthorityPem' | 'token'>,
  proxy: Pick<TcpProxy, 'port'>,
): Record<string, unknown> {
  const server = new URL(cluster.server);
  server.port = String(proxy.port);
  return buildKubeconfig({
    // URL keeps a trailing '/' for a bare origin; a kubeconfig server has none.
    server: server.origin,
    certificateAuthorityPem: cluster.certificateAuthorityPem,
    token: cluster.token,
    name: 'kube-cache-e2e-proxied',
  });
}
