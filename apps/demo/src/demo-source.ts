import type { KubeConfigLike } from '@kube-cache/reflector';
import type { DemoOptions } from './demo-options';
import { EmbeddedCluster } from './embedded-cluster';

/**
 * Where the demo's pods come from: the embedded cluster it starts, or a real cluster it only
 * reads.
 */
export type DemoSource =
  | { mode: 'embedded'; kubeConfig: KubeConfigLike; server: string; cluster: EmbeddedCluster }
  | { mode: 'kubeconfig'; kubeConfig: KubeConfigLike; server: string; cluster: undefined };

/**
 * Opens the demo's source: starts and seeds the embedded cluster, or loads the kubeconfig.
 *
 * The embedded server speaks plain HTTP on loopback without credentials, so the demo talks to it
 * through a minimal KubeConfigLike rather than `@kubernetes/client-node`'s KubeConfig: loading
 * client-node takes seconds, and the demo should start at once. A real cluster needs the real
 * KubeConfig (credentials, TLS, exec plugins), loaded only then.
 *
 * @param options - the demo's options.
 * @returns the source; close an embedded cluster with `cluster.close()`.
 * @throws when the embedded server cannot start or the kubeconfig cannot be read.
 */
export async function openDemoSource(options: DemoOptions): Promise<DemoSource> {
  if (options.kubeconfig !== undefined) {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(options.kubeconfig);
    return {
      mode: 'kubeconfig',
      kubeConfig,
      server: kubeConfig.getCurrentCluster()?.server ?? '?',
      cluster: undefined,
    };
  }
  const cluster = await EmbeddedCluster.start({
    pods: options.pods,
    namespaces: options.namespaces,
    nodes: options.nodes,
    apps: 20,
  });
  const server = cluster.server.url;
  const kubeConfig: KubeConfigLike = {
    getCurrentCluster: () => ({ server }),
    applyToHTTPSOptions: () => Promise.resolve(),
  };
  return { mode: 'embedded', kubeConfig, server, cluster };
}
