import type { BenchPod, Workload } from './bench-pod';

/**
 * One implementation under test. Each phase runs its own loop so that the call into the store
 * is monomorphic; each returns a count that the runner checks, so no phase can be optimised
 * away and a wrong answer fails the run.
 */
export interface BenchSubject {
  readonly label: string;
  /** False when the implementation has no secondary index and byNode scans `list()`. */
  readonly hasNodeIndex: boolean;
  addAll(pods: readonly BenchPod[]): void;
  updateAll(pods: readonly BenchPod[]): void;
  /** Returns how many lookups found an object. */
  getAll(workload: Workload): number;
  /** Calls byIndex('namespace', …) `calls` times, cycling over the namespaces; returns the total size. */
  byNamespace(namespaces: readonly string[], calls: number): number;
  /** Calls byIndex('node', …) `calls` times, cycling over the nodes; returns the total size. */
  byNode(nodes: readonly string[], calls: number): number;
  /** Calls list() `times` times; returns the total size. */
  listTimes(times: number): number;
  deleteAll(pods: readonly BenchPod[]): void;
  size(): number;
}

/** Builds a fresh, empty subject. Async because client-node's ListWatch starts asynchronously. */
export type SubjectFactory = () => Promise<BenchSubject>;
