/**
 * The indexer benchmark of issue 2, section 5: kube-cache's Cache against a hand-written floor
 * and against the cache inside @kubernetes/client-node's ListWatch, in one process.
 *
 *   pnpm --filter @kube-cache/indexer bench [-- --rounds 7 --json results.json]
 *
 * Not a test: nothing here gates CI. Numbers are medians over the measured rounds.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { makePod, makeWorkload } from './bench-pod';
import type { SubjectFactory } from './bench-subject';
import { createClientNodeSubject } from './client-node-subject';
import { createFloorSubject } from './floor-subject';
import { createKubeCacheSubject } from './kube-cache-subject';
import { bytesPerPod, median, retainedBytesPerObject, timePhase } from './measure';
import { referencePhases } from './phases';
import { printReport, type BenchReport } from './report';

const { values: args } = parseArgs({
  // pnpm passes a literal `--` through to the script.
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    rounds: { type: 'string', default: '5' },
    objects: { type: 'string', default: '100000' },
    json: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const objects = Number(args.objects);

const LABELS = ['kube-cache', 'floor', 'client-node'] as const;
const factories: readonly SubjectFactory[] = [
  createKubeCacheSubject,
  createFloorSubject,
  createClientNodeSubject,
];
const workload = makeWorkload({ objects, namespaces: 100, nodes: 1_000 });
const phases = referencePhases(workload);
const samples = new Map<string, number[]>();
const operations = new Map<string, number>();

function record(
  label: string,
  phase: string,
  result: { nanosecondsPerOp: number; operations: number },
): void {
  const key = `${label}\u0000${phase}`;
  const list = samples.get(key) ?? [];
  list.push(result.nanosecondsPerOp);
  samples.set(key, list);
  operations.set(key, result.operations);
}

// Round 0 warms the JIT up and is not recorded; the subject order rotates so that no one
// always runs first (or last) after a collection.
for (let round = 0; round <= rounds; round++) {
  for (let offset = 0; offset < factories.length; offset++) {
    const factory = factories[(round + offset) % factories.length];
    if (factory === undefined) continue;
    const subject = await factory();
    for (const phase of phases) {
      const result = timePhase(phase, subject, workload);
      if (round > 0) record(subject.label, phase.name, result);
    }
  }
  process.stderr.write(round === 0 ? 'warm-up done\n' : `round ${round}/${rounds} done\n`);
}

const heap = new Map<string, number>();
const heapAfterQueries = new Map<string, number>();
for (const factory of factories) {
  const measurements: {
    label: string;
    bytes: number;
    bytesAfterQueries: number;
  }[] = [];
  for (let repeat = 0; repeat < 3; repeat++) {
    measurements.push(await retainedBytesPerObject(factory, workload));
  }
  const label = measurements[0]?.label ?? '?';
  heap.set(label, median(measurements.map(({ bytes }) => bytes)));
  heapAfterQueries.set(
    label,
    median(measurements.map(({ bytesAfterQueries }) => bytesAfterQueries)),
  );
}

const report: BenchReport = {
  environment: {
    node: process.version,
    v8: process.versions.v8,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    rounds,
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  },
  workload: {
    objects,
    namespaces: workload.namespaces.length,
    nodes: workload.nodes.length,
  },
  podBytes: bytesPerPod((index) => makePod(index, 'namespace-0', 'node-0', index), objects),
  phases: phases.map((phase) => ({
    name: phase.name,
    resultsPerCall: phase.resultsPerCall,
    target: phase.target,
    goNanosecondsPerOp: phase.goNanosecondsPerOp,
    operations: Object.fromEntries(
      LABELS.map((label) => [label, operations.get(`${label}\u0000${phase.name}`) ?? 0]),
    ),
    nanosecondsPerOp: Object.fromEntries(
      LABELS.map((label) => [label, median(samples.get(`${label}\u0000${phase.name}`) ?? [])]),
    ),
  })),
  heapBytesPerObject: Object.fromEntries(heap),
  heapBytesPerObjectAfterQueries: Object.fromEntries(heapAfterQueries),
};

printReport(report);
if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
