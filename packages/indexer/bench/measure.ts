import type { Workload } from './bench-pod';
import type { BenchSubject, SubjectFactory } from './bench-subject';
import type { Phase } from './phases';

function requireGc(): NodeJS.GCFunction {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run node with --expose-gc (the bench script does)');
  return gc;
}

/** Forces a full collection; the bench refuses to run without --expose-gc. */
export function collectGarbage(): void {
  const gc = requireGc();
  gc();
  gc();
}

/** Slices per phase: short enough that load from other processes hits every subject alike. */
const SLICES = 20;

/** What one subject measured in one phase. */
export interface PhaseTiming {
  readonly nanosecondsPerOp: number;
  readonly operations: number;
}

/**
 * Times one phase on every subject, interleaved: slice 1 of each subject, then slice 2, and so
 * on, with the order rotating per slice. Each slice ends with a (timed) minor collection, so no
 * subject pays for another's young garbage. Throws on a wrong result or size.
 *
 * @param rotation - shifts the order, so that rounds start with different subjects.
 */
export function timePhaseInterleaved(
  phase: Phase,
  subjects: readonly BenchSubject[],
  workload: Workload,
  rotation: number,
): Map<string, PhaseTiming> {
  const gc = requireGc();
  const states = subjects.map((subject) => ({
    subject,
    operations: phase.operations(subject),
    elapsed: 0,
    result: 0,
  }));
  const slices = Math.min(SLICES, ...states.map(({ operations }) => operations));
  collectGarbage();
  for (let slice = 0; slice < slices; slice++) {
    for (let offset = 0; offset < states.length; offset++) {
      const state = states[(rotation + slice + offset) % states.length];
      if (state === undefined) continue;
      const from = Math.floor((state.operations * slice) / slices);
      const to = Math.floor((state.operations * (slice + 1)) / slices);
      const start = process.hrtime.bigint();
      state.result += phase.run(state.subject, workload, from, to);
      // Timed: each subject pays for collecting the young garbage it made, and none for another's.
      gc({ type: 'minor' });
      state.elapsed += Number(process.hrtime.bigint() - start);
    }
  }
  const timings = new Map<string, PhaseTiming>();
  for (const { subject, operations, elapsed, result } of states) {
    const expected = phase.expected(operations);
    if (result !== expected || subject.size() !== phase.sizeAfter) {
      throw new Error(
        `${subject.label} ${phase.name}: got ${result} (size ${subject.size()}), ` +
          `expected ${expected} (size ${phase.sizeAfter})`,
      );
    }
    timings.set(subject.label, { nanosecondsPerOp: elapsed / operations, operations });
  }
  return timings;
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
  subject.add(workload.pods, 0, workload.pods.length);
  collectGarbage();
  const afterAdd = process.memoryUsage().heapUsed;
  // Again after one byIndex call per value: a store may keep per-bucket caches from then on.
  subject.byNamespace(workload.namespaces, 0, workload.namespaces.length);
  if (subject.hasNodeIndex) subject.byNode(workload.nodes, 0, workload.nodes.length);
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

/** The smallest of a list; `NaN` when empty. */
export function minimum(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}
