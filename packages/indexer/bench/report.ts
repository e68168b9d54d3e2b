import { median } from './measure';
import type { Target } from './phases';

/** Everything one run measured; printed as a table and optionally written as JSON. */
export interface BenchReport {
  environment: {
    node: string;
    v8: string;
    cpu: string;
    cores: number;
    memoryGiB: number;
    rounds: number;
    loadAverage: number[];
  };
  workload: { objects: number; namespaces: number; nodes: number };
  podBytes: number;
  phases: {
    name: string;
    resultsPerCall: number | undefined;
    target: Target | undefined;
    goNanosecondsPerOp: number | undefined;
    operations: Record<string, number>;
    /** Best of the rounds. */
    nanosecondsPerOp: Record<string, number>;
    medianNanosecondsPerOp: Record<string, number>;
    samples: Record<string, number[]>;
  }[];
  heapBytesPerObject: Record<string, number>;
  heapBytesPerObjectAfterQueries: Record<string, number>;
}

const HEAP_TARGET = 1.25;

function formatTime(nanoseconds: number | undefined): string {
  if (nanoseconds === undefined || Number.isNaN(nanoseconds)) return 'n/a';
  if (nanoseconds < 1_000) return `${nanoseconds.toFixed(0)} ns`;
  if (nanoseconds < 1_000_000) return `${(nanoseconds / 1_000).toFixed(2)} µs`;
  return `${(nanoseconds / 1_000_000).toFixed(2)} ms`;
}

function formatRatio(ours: number | undefined, baseline: number | undefined): string {
  if (ours === undefined || baseline === undefined || !(baseline > 0)) return 'n/a';
  return `${(ours / baseline).toFixed(2)}x`;
}

function formatPlainRatio(ratio: number): string {
  if (Number.isNaN(ratio)) return 'n/a';
  return `${ratio < 0.01 ? ratio.toPrecision(1) : ratio.toFixed(2)}x`;
}

/**
 * The median over rounds of kube-cache time / baseline time in the same round. Both ran
 * interleaved under the same load, so this pairs out most of the noise between rounds.
 */
function pairedRatio(samples: Record<string, number[]>, baseline: string): number {
  const ours = samples['kube-cache'] ?? [];
  const theirs = samples[baseline] ?? [];
  const ratios = ours.flatMap((value, round) => {
    const other = theirs[round];
    return other !== undefined && other > 0 ? [value / other] : [];
  });
  return median(ratios);
}

function verdict(ratio: number, target: Target | undefined): string {
  if (target === undefined || Number.isNaN(ratio)) return '-';
  const bound =
    target.ratio >= 1
      ? `<= ${target.ratio}x floor`
      : `>= ${(1 / target.ratio).toFixed(0)}x faster than floor`;
  return `${ratio <= target.ratio ? 'met' : 'MISSED'} (${bound})`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Prints the report: environment, ns/op per phase and subject, ratios, targets and heap. */
export function printReport(report: BenchReport): void {
  const { environment, workload } = report;
  console.log(
    `indexer benchmark: ${workload.objects} pods, ${workload.namespaces} namespaces, ${workload.nodes} nodes; ` +
      `best of ${environment.rounds} rounds after a warm-up`,
  );
  console.log(
    `node ${environment.node} (V8 ${environment.v8}), ${environment.cpu}, ${environment.cores} cores, ${environment.memoryGiB} GiB, ` +
      `load average ${environment.loadAverage.join(' ')} at the end\n`,
  );
  const rows: string[][] = [
    [
      'phase',
      'calls',
      'kube-cache',
      'floor',
      'client-node',
      'vs floor',
      'vs client-node',
      'client-go (Go)',
      'target',
    ],
  ];
  for (const phase of report.phases) {
    const ours = phase.nanosecondsPerOp['kube-cache'];
    const floor = phase.nanosecondsPerOp['floor'];
    const clientNode = phase.nanosecondsPerOp['client-node'];
    const versusFloor = pairedRatio(phase.samples, 'floor');
    const scanned =
      clientNode !== undefined &&
      !Number.isNaN(clientNode) &&
      phase.operations['client-node'] !== phase.operations['kube-cache'];
    rows.push([
      phase.name,
      String(phase.operations['kube-cache'] ?? 0),
      formatTime(ours),
      formatTime(floor),
      `${formatTime(clientNode)}${scanned ? ' (scan)' : ''}`,
      formatPlainRatio(versusFloor),
      formatPlainRatio(pairedRatio(phase.samples, 'client-node')),
      formatTime(phase.goNanosecondsPerOp),
      verdict(versusFloor, phase.target),
    ]);
  }
  console.log(table(rows));
  console.log(
    '\nns/op is per call, best of the rounds. Ratios are kube-cache time / baseline time (below 1:' +
      ' kube-cache is faster), the median over the rounds of the ratio within each round.',
  );
  console.log(
    'client-node has no node index: "(scan)" is list().filter(), timed over fewer calls.',
  );

  const perThousand = report.phases.filter((phase) => phase.resultsPerCall !== undefined);
  const resultRows: string[][] = [
    ['per 1,000 results', 'kube-cache', 'floor', 'client-node', 'client-go (Go)'],
  ];
  for (const phase of perThousand) {
    const scale = 1_000 / (phase.resultsPerCall ?? 1_000);
    const at = (label: string): number | undefined => {
      const value = phase.nanosecondsPerOp[label];
      return value === undefined ? undefined : value * scale;
    };
    resultRows.push([
      phase.name,
      formatTime(at('kube-cache')),
      formatTime(at('floor')),
      formatTime(at('client-node')),
      phase.name.startsWith('byIndex') ? formatTime(54_000) : 'n/a',
    ]);
  }
  console.log(`\n${table(resultRows)}`);

  const heapRow = (title: string, bytes: Record<string, number>): string[] => {
    const ours = bytes['kube-cache'];
    const floor = bytes['floor'];
    const clientNode = bytes['client-node'];
    const ratio = ours !== undefined && floor !== undefined ? ours / floor : Number.NaN;
    return [
      title,
      `${ours?.toFixed(0) ?? 'n/a'} B`,
      `${floor?.toFixed(0) ?? 'n/a'} B`,
      `${clientNode?.toFixed(0) ?? 'n/a'} B`,
      formatRatio(ours, floor),
      formatRatio(ours, clientNode),
      Number.isNaN(ratio)
        ? '-'
        : `${ratio <= HEAP_TARGET ? 'met' : 'MISSED'} (<= ${HEAP_TARGET}x floor)`,
    ];
  };
  console.log(
    `\nretained heap per stored object (the store's own overhead; a pod itself is ${report.podBytes.toFixed(0)} B):\n` +
      table([
        ['heap', 'kube-cache', 'floor', 'client-node', 'vs floor', 'vs client-node', 'target'],
        heapRow('after add', report.heapBytesPerObject),
        heapRow('after byIndex', report.heapBytesPerObjectAfterQueries),
      ]),
  );
}
