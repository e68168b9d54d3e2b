import type { BenchPod, Workload } from './bench-pod';

/**
 * One implementation under test. Every method runs one slice `[from, to)` of a phase, so the
 * runner can interleave the subjects in short slices; the loop sits in the subject so that the
 * call into the store is monomorphic. Methods return a count that the runner checks, so no
 * phase can be optimised away and a wrong answer fails the run.
 */
export interface BenchSubject {
  readonly label: string;
  /** False when the implementation has no secondary index and byNode scans `list()`. */
  readonly hasNodeIndex: boolean;
  add(pods: readonly BenchPod[], from: number, to: number): void;
  update(pods: readonly BenchPod[], from: number, to: number): void;
  /** Looks up pods `from` to `to` by key; returns how many were found. */
  get(workload: Workload, from: number, to: number): number;
  /** byIndex('namespace', …) for calls `from` to `to`, cycling over the namespaces; returns the total size. */
  byNamespace(namespaces: readonly string[], from: number, to: number): number;
  /** byIndex('node', …) for calls `from` to `to`, cycling over the nodes; returns the total size. */
  byNode(nodes: readonly string[], from: number, to: number): number;
  /** For each call: update `pods[call]`, then byIndex('namespace', its namespace); returns the total size. */
  churn(pods: readonly BenchPod[], from: number, to: number): number;
  /** Calls list() `to - from` times; returns the total size. */
  list(from: number, to: number): number;
  delete(pods: readonly BenchPod[], from: number, to: number): void;
  size(): number;
}

/** Builds a fresh, empty subject. Async because client-node's ListWatch starts asynchronously. */
export type SubjectFactory = () => Promise<BenchSubject>;
