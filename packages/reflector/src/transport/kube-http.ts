import type * as https from 'node:https';
import { checkedServer } from '../list-watch/list-watch-config';

/**
 * The part of `@kubernetes/client-node`'s `KubeConfig` that kube-cache uses, in both 1.x and 2.x:
 * the current cluster's server URL and `applyToHTTPSOptions`, which fills in the credentials, the
 * TLS settings and the agent (including proxies) for a `node:https` request.
 *
 * @since 0.1.0
 */
export interface KubeConfigLike {
  /** The current context's cluster; only `server` is read. */
  getCurrentCluster(): { server: string } | null;
  /** Adds credentials, TLS options and an agent (proxy-aware) to a request's options. */
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}

/**
 * The server URL of the KubeConfig's current cluster.
 *
 * @param kubeConfig - the KubeConfig.
 * @returns the server URL.
 * @throws `InvalidListWatchConfigError` when there is no current cluster, its server URL cannot be
 *   used, or it is client-node's `localhost:8080` fallback for "no kubeconfig found".
 */
export function currentServer(kubeConfig: KubeConfigLike): string {
  // The checks (an unusable URL, client-node's "nothing configured" fallback) live beside the
  // other configuration rules.
  return checkedServer(kubeConfig);
}
