import type { Workload } from './bench-pod';
import type { SubjectFactory } from './bench-subject';
import type { BenchSubject } from './bench-subject';
import type { Phase } from './phases';

/** Forces a full collection; the bench refuses to run without --expose-gc. */
export function collectGarbage(): void {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run node with --expose-gc (the bench script does)');
  gc();
  gc();
}

/** Times one phase on one subject. Throws on a wrong result. */
export function timePhase(
  phase: Phase,
  subject: BenchSubject,
  workload: Workload,
): { nanosecondsPerOp: number; operations: number } {
  const operations = phase.operations(subject, workload);
  collectGarbage();
  const start = process.hrtime.bigint();
  const result = phase.run(subject, workload, operations);
  const elapsed = Number(process.hrtime.bigint() - start);
  const expected = phase.expected(workload, operations);
  if (result !== expected) {
    throw new Error(`${subject.label} ${phase.name}: got ${result}, expected ${expected}`);
  }
  return { nanosecondsPerOp: elapsed / operations, operations };
}

/**
 * Heap retained by a subject holding every pod, per pod. The pods themselves are allocated
 * before and kept alive by the workload, so this is the store's own overhead: its maps, sets,
 * keys and index buckets.
 */
export async function retainedBytesPerObject(
  factory: SubjectFactory,
  workload: Workload,
): Promise<{ label: string; bytes: number; bytesAfterQueries: number }> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const subject = await factory();
  subject.addAll(workload.pods);
  collectGarbage();
  const afterAdd = process.memoryUsage().heapUsed;
  // Again after one byIndex call per value: a store may keep per-bucket caches from then on.
  subject.byNamespace(workload.namespaces, workload.namespaces.length);
  if (subject.hasNodeIndex) subject.byNode(workload.nodes, workload.nodes.length);
  collectGarbage();
  const afterQueries = process.memoryUsage().heapUsed;
  // Reading the size after the last measurement keeps the subject alive until then.
  if (subject.size() !== workload.pods.length) throw new Error(`${subject.label}: wrong size`);
  return {
    label: subject.label,
    bytes: (afterAdd - before) / workload.pods.length,
    bytesAfterQueries: (afterQueries - before) / workload.pods.length,
  };
}

/** Heap taken by the pod objects themselves, per pod, for context. */
export function bytesPerPod(makeOne: (index: number) => unknown, count: number): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const pods = Array.from({ length: count }, (_, index) => makeOne(index));
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (pods.length !== count) throw new Error('unreachable');
  return (after - before) / count;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}
