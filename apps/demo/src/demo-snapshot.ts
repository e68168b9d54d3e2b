import type { ReflectorStatusSnapshot } from './reflector-status';

/**
 * A name and how many cached pods it has (a node or a namespace).
 */
export interface NamedCount {
  name: string;
  count: number;
}

/**
 * What the churn driver has done so far.
 */
export interface ChurnCounts {
  creates: number;
  moves: number;
  deletes: number;
  /** Operations the server refused or that failed (during a restart, for example). */
  failures: number;
}

/**
 * A fault that was injected, and when.
 */
export interface InjectedFault {
  /** Seconds since the live phase started. */
  atSeconds: number;
  fault: string;
  description: string;
}

/**
 * Everything one frame of the live view (or one JSON status line) shows.
 */
export interface DemoSnapshot {
  /** Where the pods come from: the embedded server, or a real cluster read-only. */
  mode: 'embedded' | 'kubeconfig';
  /** The API server's URL. */
  server: string;
  phase: 'syncing' | 'live' | 'verifying';
  /** Seconds since the demo started. */
  elapsedSeconds: number;
  /** Seconds left in the live phase (0 outside it). */
  remainingSeconds: number;
  reflector: ReflectorStatusSnapshot;
  /** Pods in the informer's cache. */
  cachedPods: number;
  /** Handler events (add, update, delete) per second, over the last interval. */
  eventsPerSecond: number;
  /** Handler events delivered so far, by kind. */
  events: { adds: number; updates: number; deletes: number };
  /** The nodes with the most pods, and how many nodes have any. */
  topNodes: NamedCount[];
  nodeCount: number;
  /** The namespaces with the most pods, and how many namespaces have any. */
  topNamespaces: NamedCount[];
  namespaceCount: number;
  /** Pods per `app` label value, top ones. */
  topApps: NamedCount[];
  churn: ChurnCounts | undefined;
  faults: InjectedFault[];
}
