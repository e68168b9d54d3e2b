/**
 * The indexer benchmark of issue 2, section 5: kube-cache's Cache against a hand-written floor
 * and against the cache inside @kubernetes/client-node's ListWatch, in one process.
 *
 *   pnpm --filter @kube-cache/indexer bench [-- --rounds 7 --json results.json]
 *
 * Not a test: nothing here gates CI. Times are the best of the measured rounds: other processes
 * on a shared machine only ever add time. Medians and every sample go to --json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { makePod, makeWorkload } from './bench-pod';
import type { SubjectFactory } from './bench-subject';
import { createClientNodeSubject } from './client-node-subject';
import { createFloorSubject } from './floor-subject';
import { createKubeCacheSubject } from './kube-cache-subject';
import {
  bytesPerPod,
  median,
  minimum,
  type PhaseTiming,
  retainedBytesPerObject,
  timePhaseInterleaved,
} from './measure';
import { referencePhases } from './phases';
import { printReport, type BenchReport } from './report';

const { values: args } = parseArgs({
  // pnpm passes a literal `--` through to the script.
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    rounds: { type: 'string', default: '5' },
    objects: { type: 'string', default: '100000' },
    json: { type: 'string' },
    // Prints a report saved with --json again, without running anything.
    print: { type: 'string' },
    // For profiling one implementation alone, e.g. --subjects kube-cache.
    subjects: { type: 'string', default: 'kube-cache,floor,client-node' },
  },
});
if (args.print !== undefined) {
  printReport(JSON.parse(readFileSync(args.print, 'utf8')) as BenchReport);
  process.exit(0);
}
const rounds = Number(args.rounds);
const objects = Number(args.objects);

const LABELS = ['kube-cache', 'floor', 'client-node'] as const;
const FACTORIES: Readonly<Record<(typeof LABELS)[number], SubjectFactory>> = {
  'kube-cache': createKubeCacheSubject,
  floor: createFloorSubject,
  'client-node': createClientNodeSubject,
};
const factories = LABELS.filter((label) => args.subjects.split(',').includes(label)).map(
  (label) => FACTORIES[label],
);
const workload = makeWorkload({ objects, namespaces: 100, nodes: 1_000 });
const phases = referencePhases(workload);
const samples = new Map<string, number[]>();
const operations = new Map<string, number>();

function record(label: string, phase: string, timing: PhaseTiming): void {
  const key = `${label}\u0000${phase}`;
  const list = samples.get(key) ?? [];
  list.push(timing.nanosecondsPerOp);
  samples.set(key, list);
  operations.set(key, timing.operations);
}

// Round 0 warms the JIT up and is not recorded. Each phase runs on all subjects interleaved in
// short slices (see timePhaseInterleaved), so that load from other processes on this shared
// machine falls on all of them alike.
for (let round = 0; round <= rounds; round++) {
  const subjects = await Promise.all(factories.map((factory) => factory()));
  for (const [position, phase] of phases.entries()) {
    const timings = timePhaseInterleaved(phase, subjects, workload, round + position);
    if (round > 0) for (const [label, timing] of timings) record(label, phase.name, timing);
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
      LABELS.map((label) => [label, minimum(samples.get(`${label}\u0000${phase.name}`) ?? [])]),
    ),
    medianNanosecondsPerOp: Object.fromEntries(
      LABELS.map((label) => [label, median(samples.get(`${label}\u0000${phase.name}`) ?? [])]),
    ),
    samples: Object.fromEntries(
      LABELS.map((label) => [label, samples.get(`${label}\u0000${phase.name}`) ?? []]),
    ),
  })),
  heapBytesPerObject: Object.fromEntries(heap),
  heapBytesPerObjectAfterQueries: Object.fromEntries(heapAfterQueries),
};

printReport(report);
if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
