import { existsSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { ReplicatorUsageError } from './replicator-usage-error';

/**
 * Loads the cluster's KubeConfig: `--kubeconfig PATH` if given; else client-node's default order
 * (`KUBECONFIG`, `~/.kube/config`, then the in-cluster service account when running in a pod);
 * then switches to `--context`.
 *
 * @param options - the file and context from the command line.
 * @returns the loaded KubeConfig.
 * @throws {@link ReplicatorUsageError} when the file or context does not exist, or no cluster is
 *   configured.
 */
export async function loadKubeConfig(options: {
  kubeconfig: string | undefined;
  context: string | undefined;
}): Promise<KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kubeConfig = new KubeConfig();
  if (options.kubeconfig !== undefined) {
    if (!existsSync(options.kubeconfig)) {
      throw new ReplicatorUsageError(
        `replicator: the kubeconfig ${options.kubeconfig} does not exist`,
      );
    }
    kubeConfig.loadFromFile(options.kubeconfig);
  } else {
    kubeConfig.loadFromDefault();
  }
  if (options.context !== undefined) {
    if (kubeConfig.getContextObject(options.context) === null) {
      throw new ReplicatorUsageError(
        `replicator: the kubeconfig has no context "${options.context}"`,
      );
    }
    kubeConfig.setCurrentContext(options.context);
  }
  if (kubeConfig.getCurrentCluster() === null) {
    throw new ReplicatorUsageError(
      'replicator: no cluster configured: pass --kubeconfig PATH, set KUBECONFIG, or run in a pod',
    );
  }
  return kubeConfig;
}
