import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import { InformerFactory } from '@kube-cache/informer';
import type { SharedIndexInformer } from '@kube-cache/informer';
import { LeaderElector } from '@kube-cache/leaderelection';
import type { KubeTransport } from '@kube-cache/reflector';
import { ClientNodeReplicaWriter } from './client-node-replica-writer';
import { DryRunReplicaWriter } from './dry-run-replica-writer';
import type { ReplicaWriter } from './replica-writer';
import type { NamespaceObject, ReplicatedObject } from './replicated-object';
import { Replicator, replicatorIndexers } from './replicator';

/**
 * What {@link runReplicator} needs: a cluster, the settings, where to print, when to stop.
 */
export interface RunReplicatorOptions {
  /** A loaded KubeConfig (`--kubeconfig`, in-cluster, or the demo's server). */
  kubeConfig: KubeConfig;
  /** Parallel workers (default 2). */
  workers?: number | undefined;
  /** Write nothing, print what would change. */
  dryRun?: boolean | undefined;
  /** Run workers only while holding this Lease. */
  leaderElection?:
    | {
        lease: { namespace: string; name: string };
        identity?: string | undefined;
        /** Timings in milliseconds (defaults: client-go's 15 s / 10 s / 2 s). */
        leaseDurationMilliseconds?: number | undefined;
        renewDeadlineMilliseconds?: number | undefined;
        retryPeriodMilliseconds?: number | undefined;
      }
    | undefined;
  /** One line per change; default `console.log`. */
  log?: ((line: string) => void) | undefined;
  /** Aborting it drains the queue, stops the informers, and makes the promise resolve. */
  signal: AbortSignal;
  /** Called once the informers are created (the demo reads their caches for its view). */
  onInformers?: ((informers: ReplicatorInformers) => void) | undefined;
  /** The informers' transport (health-check timings); default one shared HTTP/2 connection. */
  transport?: KubeTransport | undefined;
  /** Each write's timeout (default 30 s). */
  requestTimeoutMilliseconds?: number | undefined;
  /** The writer; default client-node's typed API on `kubeConfig` (or nothing for a dry run). */
  writer?: ReplicaWriter | undefined;
}

/**
 * The three informers the replicator watches through.
 */
export interface ReplicatorInformers {
  configMaps: SharedIndexInformer<ReplicatedObject>;
  secrets: SharedIndexInformer<ReplicatedObject>;
  namespaces: SharedIndexInformer<NamespaceObject>;
}

/**
 * How a run ended: stopped by its signal, or (with leader election) lost the Lease.
 */
export type ReplicatorExit = 'stopped' | 'lost-leadership';

/**
 * Runs the replicator until `signal` aborts: one informer factory with informers on ConfigMaps
 * (with the "copies by source" index), Secrets and Namespaces, and a {@link Replicator} whose
 * workers reconcile source keys. With leader election the caches stay warm on every replica and
 * only the leader runs workers; a replica that loses the Lease stops and returns
 * `lost-leadership` (exit then and let Kubernetes restart it, as kube-controller-manager does).
 *
 * @param options - the cluster, settings and signal.
 * @returns how it ended, once the queue drained and the informers stopped.
 */
export async function runReplicator(options: RunReplicatorOptions): Promise<ReplicatorExit> {
  const log = options.log ?? ((line: string) => console.log(line));
  const factory = new InformerFactory({
    kubeConfig: options.kubeConfig,
    ...(options.transport === undefined ? {} : { transport: options.transport }),
  });
  const informers: ReplicatorInformers = {
    configMaps: factory.informerFor<ReplicatedObject>(
      { apiVersion: 'v1', plural: 'configmaps', kind: 'ConfigMap' },
      { indexers: replicatorIndexers },
    ),
    secrets: factory.informerFor<ReplicatedObject>(
      { apiVersion: 'v1', plural: 'secrets', kind: 'Secret' },
      { indexers: replicatorIndexers },
    ),
    namespaces: factory.informerFor<NamespaceObject>({
      apiVersion: 'v1',
      plural: 'namespaces',
      kind: 'Namespace',
    }),
  };
  options.onInformers?.(informers);
  const writer =
    options.writer ??
    (options.dryRun === true
      ? new DryRunReplicaWriter()
      : new ClientNodeReplicaWriter(
          options.kubeConfig.makeApiClient((await import('@kubernetes/client-node')).CoreV1Api),
          { requestTimeoutMilliseconds: options.requestTimeoutMilliseconds },
        ));
  const replicatorLog = options.dryRun === true ? (line: string) => log(`(dry run) ${line}`) : log;
  // The informers outlive the workers: they stop only after the queue drained.
  const informersRunning = new AbortController();
  factory.start(informersRunning.signal);
  let exit: ReplicatorExit = 'stopped';
  try {
    // Draining the queue is for a shutdown; a replica that lost its Lease stops writing at once.
    const work = async (signal: AbortSignal): Promise<void> => {
      const replicator = new Replicator({
        ...informers,
        writer,
        workers: options.workers,
        log: replicatorLog,
      });
      await replicator.run(signal, { drain: () => options.signal.aborted });
    };
    const election = options.leaderElection;
    if (election === undefined) {
      await work(options.signal);
    } else {
      const identity = election.identity ?? `${hostname()}-${process.pid}`;
      const elector = new LeaderElector({
        lease: election.lease,
        identity,
        kubeConfig: options.kubeConfig,
        releaseOnCancel: true,
        ...definedTimings(election),
        onStartedLeading: async (signal) => {
          log(`${identity}: leading; starting workers`);
          await work(signal);
        },
        onStoppedLeading: () => {
          log(`${identity}: stopped leading`);
          if (!options.signal.aborted) exit = 'lost-leadership';
        },
        onNewLeader: (leader) => log(`leader is now ${leader === '' ? '(none)' : leader}`),
      });
      await elector.run(options.signal);
    }
  } finally {
    informersRunning.abort();
    await factory.stopped();
  }
  return exit;
}

function definedTimings(election: {
  leaseDurationMilliseconds?: number | undefined;
  renewDeadlineMilliseconds?: number | undefined;
  retryPeriodMilliseconds?: number | undefined;
}): {
  leaseDurationMilliseconds?: number;
  renewDeadlineMilliseconds?: number;
  retryPeriodMilliseconds?: number;
} {
  return {
    ...(election.leaseDurationMilliseconds === undefined
      ? {}
      : { leaseDurationMilliseconds: election.leaseDurationMilliseconds }),
    ...(election.renewDeadlineMilliseconds === undefined
      ? {}
      : { renewDeadlineMilliseconds: election.renewDeadlineMilliseconds }),
    ...(election.retryPeriodMilliseconds === undefined
      ? {}
      : { retryPeriodMilliseconds: election.retryPeriodMilliseconds }),
  };
}
