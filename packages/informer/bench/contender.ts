import type { KubeConfig } from '@kubernetes/client-node';

/** One informer implementation under test. */
export interface Contender {
  readonly name: string;
  /**
   * Starts an informer on all pods of the server, calling `onAdd` for every add it delivers;
   * resolves once it has synced (its initial list is in the cache).
   */
  start(kubeConfig: KubeConfig, onAdd: () => void): Promise<void>;
  /** Stops the informer and drops every reference to it. */
  stop(): Promise<void>;
}
