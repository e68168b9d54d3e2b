import { FakeApiServer, generatePods } from '@kube-cache/testing';
import type { KubeObject } from '@kube-cache/indexer';
import type { PodWriter } from './churn-driver';
import type { FaultTarget } from './fault-schedule';

/**
 * The size of the simulated cluster.
 */
export interface ClusterShape {
  pods: number;
  namespaces: number;
  nodes: number;
  /** Distinct `app` label values. */
  apps: number;
}

interface PodObject extends KubeObject {
  spec?: { nodeName?: string } & Record<string, unknown>;
}

/**
 * The embedded cluster: a `FakeApiServer` on 127.0.0.1 seeded with realistic pods, plus the
 * writes (for churn) and the faults the demo throws at it. Everything runs in this process, so
 * the demo needs no cluster, no Docker and no network.
 *
 * @example
 * ```ts
 * const cluster = await EmbeddedCluster.start({ pods: 20_000, namespaces: 50, nodes: 500, apps: 20 });
 * const kubeConfig = cluster.server.kubeConfig();
 * await cluster.close();
 * ```
 */
export class EmbeddedCluster {
  /** The fake API server. */
  readonly server: FakeApiServer;
  /** The seeded pods' `namespace/name` keys. */
  readonly podKeys: readonly string[];
  readonly namespaces: readonly string[];
  readonly nodes: readonly string[];
  readonly apps: readonly string[];
  #faultMarker = 0;

  private constructor(server: FakeApiServer, podKeys: readonly string[], shape: ClusterShape) {
    this.server = server;
    this.podKeys = podKeys;
    // The generator's naming: namespace-N, node-N, app-N.
    this.namespaces = Array.from({ length: shape.namespaces }, (_, index) => `namespace-${index}`);
    this.nodes = Array.from({ length: shape.nodes }, (_, index) => `node-${index}`);
    this.apps = Array.from({ length: shape.apps }, (_, index) => `app-${index}`);
  }

  /**
   * Starts the server on a free loopback port and seeds it.
   *
   * @param shape - how many pods, namespaces, nodes and apps.
   * @returns the running cluster.
   * @throws when the server cannot start.
   */
  static async start(shape: ClusterShape): Promise<EmbeddedCluster> {
    const server = await FakeApiServer.start({ bookmarkIntervalMilliseconds: 5_000 });
    const pods = generatePods({
      count: shape.pods,
      namespaces: shape.namespaces,
      nodes: shape.nodes,
      apps: shape.apps,
      seed: 2026,
    });
    await server.seed(pods);
    return new EmbeddedCluster(
      server,
      pods.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`),
      shape,
    );
  }

  /**
   * The churn driver's writes, made directly on the server (no HTTP): the informer sees them
   * through its watch like any other change.
   *
   * @returns the writer.
   */
  podWriter(): PodWriter {
    const server = this.server;
    return {
      createPod: ({ namespace, name, nodeName, app }) =>
        attempt(() => {
          server.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { namespace, name, labels: { app, tier: 'churn' } },
            spec: { nodeName, containers: [{ name: app, image: 'nginx:1.27' }] },
            status: { phase: 'Running' },
          });
        }),
      movePod: (namespace, name, nodeName) =>
        attempt(() => {
          const pod = server.get('v1', 'Pod', namespace, name) as PodObject | undefined;
          if (pod === undefined) throw new Error(`pod ${namespace}/${name} is gone`);
          server.update({ ...pod, spec: { ...pod.spec, nodeName } });
        }),
      deletePod: (namespace, name) =>
        attempt(() => {
          if (server.delete('v1', 'Pod', namespace, name) === undefined)
            throw new Error(`pod ${namespace}/${name} is gone`);
        }),
    };
  }

  /**
   * The faults of the demo's schedule, on this server.
   *
   * @returns the fault target.
   */
  faultTarget(): FaultTarget {
    const server = this.server;
    return {
      'watch-drop': () => attempt(() => server.closeWatches()),
      // All in one synchronous step, so no watch can reopen in between: the watches close, one
      // write moves the resourceVersion past what the reflector has seen, and compaction forgets
      // it. The reflector's re-watch from its last resourceVersion is then answered 410 Expired.
      compaction: () =>
        attempt(() => {
          server.closeWatches();
          this.#touchFaultMarker();
          server.compact();
        }),
      'malformed-line': () => attempt(() => server.sendMalformedLine()),
      'server-restart': () => server.restart(),
    };
  }

  /** Stops the server. */
  async close(): Promise<void> {
    await this.server.close();
  }

  #touchFaultMarker(): void {
    this.#faultMarker += 1;
    const marker = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'default', name: 'demo-fault-marker' },
      data: { faults: String(this.#faultMarker) },
    };
    if (this.server.get('v1', 'ConfigMap', 'default', 'demo-fault-marker') === undefined)
      this.server.create(marker);
    else this.server.update(marker);
  }
}

// The server's direct methods are synchronous and throw; the writer and fault interfaces are
// promise-based so that a remote implementation could stand in.
function attempt(action: () => void): Promise<void> {
  try {
    action();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
