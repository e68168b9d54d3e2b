import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeIndexError } from './kube-index-error';

/**
 * Loads the user's kubeconfig as kubectl does: `--kubeconfig`, else the `KUBECONFIG` variable
 * (a list of files), else `~/.kube/config`, else the in-cluster service account; then switches
 * to `--context` if given.
 *
 * @param options - the file and context from the command line, and the environment.
 * @returns the KubeConfig, its current context set.
 * @throws {@link KubeIndexError} when no kubeconfig can be found or read, the context does not
 *   exist, or the context has no cluster.
 * @example
 * ```ts
 * const kubeConfig = await loadKubeConfig({ kubeconfig: undefined, context: undefined, environment: process.env });
 * ```
 */
export async function loadKubeConfig(options: {
  kubeconfig: string | undefined;
  context: string | undefined;
  environment: NodeJS.ProcessEnv;
}): Promise<KubeConfig> {
  // Loaded on demand: client-node takes a while to import, and usage errors should not wait.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kubeConfig = new KubeConfig();
  const { environment } = options;
  const defaultFile = join(environment.HOME ?? homedir(), '.kube', 'config');
  const inCluster =
    environment.KUBERNETES_SERVICE_HOST !== undefined &&
    environment.KUBERNETES_SERVICE_PORT !== undefined;
  try {
    if (options.kubeconfig !== undefined) {
      if (!existsSync(options.kubeconfig))
        throw new KubeIndexError(`kube-index: the kubeconfig ${options.kubeconfig} does not exist`);
      kubeConfig.loadFromFile(options.kubeconfig);
    } else if (environment.KUBECONFIG !== undefined && environment.KUBECONFIG !== '') {
      const files = environment.KUBECONFIG.split(':').filter(
        (file) => file !== '' && existsSync(file),
      );
      if (files.length === 0)
        throw new KubeIndexError(
          `kube-index: no file named in KUBECONFIG exists (${environment.KUBECONFIG})`,
        );
      kubeConfig.loadFromFile(files[0] ?? '');
      for (const file of files.slice(1)) kubeConfig.mergeConfig(loadedFrom(new KubeConfig(), file));
    } else if (existsSync(defaultFile)) {
      kubeConfig.loadFromFile(defaultFile);
    } else if (inCluster) {
      kubeConfig.loadFromCluster();
    } else {
      throw new KubeIndexError(
        `kube-index: no kubeconfig found: pass --kubeconfig PATH, set KUBECONFIG, or create ${defaultFile} (for example with your cloud's "get-credentials" command)`,
      );
    }
  } catch (error) {
    if (KubeIndexError.isInstance(error)) throw error;
    throw new KubeIndexError(
      `kube-index: cannot read the kubeconfig: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (options.context !== undefined) {
    if (kubeConfig.getContextObject(options.context) === null) {
      const known = kubeConfig.getContexts().map((context) => context.name);
      throw new KubeIndexError(
        `kube-index: the kubeconfig has no context "${options.context}" (it has: ${known.join(', ') || 'none'})`,
      );
    }
    kubeConfig.setCurrentContext(options.context);
  }
  if (kubeConfig.getCurrentCluster() === null) {
    throw new KubeIndexError(
      `kube-index: the kubeconfig's current context "${kubeConfig.getCurrentContext()}" names no cluster`,
    );
  }
  return kubeConfig;
}

function loadedFrom(kubeConfig: KubeConfig, file: string): KubeConfig {
  kubeConfig.loadFromFile(file);
  return kubeConfig;
}
