import type { Workload } from './bench-pod';
import type { BenchSubject } from './bench-subject';

/** A target of issue 2: kube-cache time / floor time must be at most `ratio`. */
export interface Target {
  readonly ratio: number;
}

/** One timed phase of the reference workload, run in slices `[from, to)` of its calls. */
export interface Phase {
  readonly name: string;
  /** Results per call, for byIndex-style phases (also reported per 1,000 results). */
  readonly resultsPerCall?: number;
  readonly target?: Target;
  /** client-go's own number for this phase in ns per call, from issue 2 (Go, same kind of machine). */
  readonly goNanosecondsPerOp?: number;
  /** Calls made against this subject (fewer for a scan without an index). */
  operations(subject: BenchSubject): number;
  /** Runs calls `from` to `to` and returns a count; the counts of all slices add up to `expected`. */
  run(subject: BenchSubject, workload: Workload, from: number, to: number): number;
  expected(operations: number): number;
  /** The subject's size once the phase is done. */
  readonly sizeAfter: number;
}

const NAMESPACE_CALLS = 1_000;
const NODE_CALLS = 10_000;
const NODE_SCAN_CALLS = 100;
const LIST_CALLS = 10;
const withinFloor: Target = { ratio: 1.25 };
const threeTimesFaster: Target = { ratio: 1 / 3 };

/** The phases of issue 2, section 5, in order: each one leaves the store as the next expects. */
export function referencePhases(workload: Workload): Phase[] {
  const objects = workload.pods.length;
  const perNamespace = objects / workload.namespaces.length;
  const perNode = objects / workload.nodes.length;
  return [
    {
      name: 'add',
      target: withinFloor,
      goNanosecondsPerOp: 1_000,
      operations: () => objects,
      run: (subject, { pods }, from, to) => (subject.add(pods, from, to), to - from),
      expected: (calls) => calls,
      sizeAfter: objects,
    },
    {
      name: 'update',
      target: withinFloor,
      goNanosecondsPerOp: 1_100,
      operations: () => objects,
      run: (subject, { updatedPods }, from, to) => (
        subject.update(updatedPods, from, to),
        to - from
      ),
      expected: (calls) => calls,
      sizeAfter: objects,
    },
    {
      name: 'get',
      target: withinFloor,
      goNanosecondsPerOp: 70,
      operations: () => objects,
      run: (subject, workload, from, to) => subject.get(workload, from, to),
      expected: (calls) => calls,
      sizeAfter: objects,
    },
    {
      name: 'byIndex namespace',
      resultsPerCall: perNamespace,
      target: threeTimesFaster,
      goNanosecondsPerOp: 54_000 * (perNamespace / 1_000),
      operations: () => NAMESPACE_CALLS,
      run: (subject, { namespaces }, from, to) => subject.byNamespace(namespaces, from, to),
      expected: (calls) => calls * perNamespace,
      sizeAfter: objects,
    },
    {
      name: 'byIndex node',
      resultsPerCall: perNode,
      target: threeTimesFaster,
      goNanosecondsPerOp: 54_000 * (perNode / 1_000),
      operations: (subject) => (subject.hasNodeIndex ? NODE_CALLS : NODE_SCAN_CALLS),
      run: (subject, { nodes }, from, to) => subject.byNode(nodes, from, to),
      expected: (calls) => calls * perNode,
      sizeAfter: objects,
    },
    {
      // Not one of the phases: byIndex right after a change to that bucket, as under an
      // informer's steady stream of updates, where a per-bucket result cache never stays warm.
      name: 'update+byIndex (churn)',
      resultsPerCall: perNamespace,
      operations: () => workload.churnPods.length,
      run: (subject, { churnPods }, from, to) => subject.churn(churnPods, from, to),
      expected: (calls) => calls * perNamespace,
      sizeAfter: objects,
    },
    {
      name: 'list',
      resultsPerCall: objects,
      operations: () => LIST_CALLS,
      run: (subject, _, from, to) => subject.list(from, to),
      expected: (calls) => calls * objects,
      sizeAfter: objects,
    },
    {
      name: 'delete',
      target: withinFloor,
      goNanosecondsPerOp: 560,
      operations: () => objects,
      // Delete with the final state of each object, as a watch DELETED event carries it.
      run: (subject, { updatedPods }, from, to) => (
        subject.delete(updatedPods, from, to),
        to - from
      ),
      expected: (calls) => calls,
      sizeAfter: 0,
    },
  ];
}
