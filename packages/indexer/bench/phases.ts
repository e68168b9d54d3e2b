import type { Workload } from './bench-pod';
import type { BenchSubject } from './bench-subject';

/** Which target of issue 2 applies to a phase, as a bound on kube-cache time / floor time. */
export type Target = { readonly kind: 'at-most'; readonly ratio: number };

/** One timed phase of the reference workload. */
export interface Phase {
  readonly name: string;
  /** Results per call, for byIndex-style phases (reported as time per 1,000 results). */
  readonly resultsPerCall?: number;
  readonly target?: Target;
  /** client-go's own number for this phase in ns/op, from issue 2 (Go, same kind of machine). */
  readonly goNanosecondsPerOp?: number;
  /** Calls made against this subject (fewer for a scan without an index). */
  operations(subject: BenchSubject, workload: Workload): number;
  /** Runs the phase and returns a count to verify. */
  run(subject: BenchSubject, workload: Workload, operations: number): number;
  /** The count `run` must return. */
  expected(workload: Workload, operations: number): number;
}

const NAMESPACE_CALLS = 1_000;
const NODE_CALLS = 10_000;
const NODE_SCAN_CALLS = 100;
const LIST_CALLS = 10;
const sameAsFloor: Target = { kind: 'at-most', ratio: 1.25 };
const threeTimesFaster: Target = { kind: 'at-most', ratio: 1 / 3 };

/** The phases of issue 2, section 5, in order: each one leaves the store as the next expects. */
export function referencePhases(workload: Workload): Phase[] {
  const objects = workload.pods.length;
  const perNamespace = objects / workload.namespaces.length;
  const perNode = objects / workload.nodes.length;
  return [
    {
      name: 'add',
      target: sameAsFloor,
      goNanosecondsPerOp: 1_000,
      operations: () => objects,
      run: (subject, { pods }) => (subject.addAll(pods), subject.size()),
      expected: () => objects,
    },
    {
      name: 'update',
      target: sameAsFloor,
      goNanosecondsPerOp: 1_100,
      operations: () => objects,
      run: (subject, { updatedPods }) => (subject.updateAll(updatedPods), subject.size()),
      expected: () => objects,
    },
    {
      name: 'get',
      target: sameAsFloor,
      goNanosecondsPerOp: 70,
      operations: () => objects,
      run: (subject, workload) => subject.getAll(workload),
      expected: () => objects,
    },
    {
      name: 'byIndex namespace',
      resultsPerCall: perNamespace,
      target: threeTimesFaster,
      goNanosecondsPerOp: 54_000 * (perNamespace / 1_000),
      operations: () => NAMESPACE_CALLS,
      run: (subject, { namespaces }, calls) => subject.byNamespace(namespaces, calls),
      expected: (_, calls) => calls * perNamespace,
    },
    {
      name: 'byIndex node',
      resultsPerCall: perNode,
      target: threeTimesFaster,
      goNanosecondsPerOp: 54_000 * (perNode / 1_000),
      operations: (subject) => (subject.hasNodeIndex ? NODE_CALLS : NODE_SCAN_CALLS),
      run: (subject, { nodes }, calls) => subject.byNode(nodes, calls),
      expected: (_, calls) => calls * perNode,
    },
    {
      name: 'list',
      resultsPerCall: objects,
      operations: () => LIST_CALLS,
      run: (subject, _, calls) => subject.listTimes(calls),
      expected: (_, calls) => calls * objects,
    },
    {
      name: 'delete',
      target: sameAsFloor,
      goNanosecondsPerOp: 560,
      operations: () => objects,
      run: (subject, { updatedPods }) => (subject.deleteAll(updatedPods), subject.size()),
      expected: () => 0,
    },
  ];
}
