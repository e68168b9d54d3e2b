import type * as https from 'node:https';

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
