// The wire benchmark's report: one markdown table of pods/s and heap per pod, with ratios against
// the floor and client-node, and the targets for the informer.
import type { PathResult } from './wire-messages';

/** Everything one contender measured over the runs. */
export interface ContenderReport {
  id: string;
  name: string;
  /** Why it did not run, when it did not. */
  unavailable?: string;
  runs: { list: PathResult; watch: PathResult; requests: Record<string, number> }[];
  /** Connections seen by the server per run, by ALPN result (`"https h2"`: 1). */
  connections: Record<string, number>[];
}

/** A whole run of the bench; printed as a table and optionally written as JSON. */
export interface WireBenchReport {
  environment: {
    date: string;
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
    commit: string;
  };
  pods: number;
  bytesPerPod: number;
  runs: number;
  warmUpPods: number;
  contenders: ContenderReport[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Summary {
  listRate: number;
  watchRate: number;
  listHeap: number;
  watchHeap: number;
  wire: string;
}

function summarize(report: WireBenchReport, contender: ContenderReport): Summary {
  const rate = (seconds: number): number => report.pods / seconds;
  const seen = new Set<string>();
  for (const run of contender.runs) {
    for (const key of Object.keys(run.requests)) seen.add(key.split(' ').slice(0, 2).join(' '));
  }
  return {
    listRate: median(contender.runs.map((run) => rate(run.list.seconds))),
    watchRate: median(contender.runs.map((run) => rate(run.watch.seconds))),
    listHeap: median(contender.runs.map((run) => run.list.heapBytesPerObject)),
    watchHeap: median(contender.runs.map((run) => run.watch.heapBytesPerObject)),
    wire: [...seen].sort().join(', ') || 'n/a',
  };
}

const integer = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
const ratio = (value: number, base: number | undefined): string =>
  base === undefined || !Number.isFinite(value / base) ? '-' : `${(value / base).toFixed(2)}x`;

/**
 * Renders the report as markdown.
 *
 * @param report - the measurements.
 * @returns the text.
 */
export function formatReport(report: WireBenchReport): string {
  const { environment } = report;
  const summaries = new Map(
    report.contenders
      .filter((contender) => contender.unavailable === undefined)
      .map((contender) => [contender.id, summarize(report, contender)]),
  );
  const floor = summaries.get('floor');
  const clientNode = summaries.get('client-node');
  const lines: string[] = [
    `Wire benchmark, ${environment.date}, commit ${environment.commit}: ${report.pods.toLocaleString('en-US')} pods of ${integer(report.bytesPerPod)} B of JSON, median of ${report.runs} run(s) (a fresh process each, after a ${report.warmUpPods.toLocaleString('en-US')}-pod warm-up)`,
    `Node ${environment.node}, ${environment.platform}, ${environment.cpus} CPUs (${environment.cpuModel}), load average ${environment.loadAverageAtStart.map((value) => value.toFixed(2)).join(' ')} at the start, ${environment.loadAverageAtEnd.map((value) => value.toFixed(2)).join(' ')} at the end`,
    '',
    '| client | wire (as the server saw it) | list → onAdd (pods/s) | vs floor | vs client-node | watch → onAdd (pods/s) | vs floor | vs client-node | heap per pod, list | heap per pod, watch |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const contender of report.contenders) {
    const summary = summaries.get(contender.id);
    if (summary === undefined) {
      lines.push(
        `| ${contender.name} | not run: ${contender.unavailable ?? 'no result'} | | | | | | | | |`,
      );
      continue;
    }
    lines.push(
      `| ${contender.name} | ${summary.wire} | ${integer(summary.listRate)} | ${ratio(summary.listRate, floor?.listRate)} | ${ratio(summary.listRate, clientNode?.listRate)} | ${integer(summary.watchRate)} | ${ratio(summary.watchRate, floor?.watchRate)} | ${ratio(summary.watchRate, clientNode?.watchRate)} | ${integer(summary.listHeap)} B | ${integer(summary.watchHeap)} B |`,
    );
  }
  lines.push('', 'Targets (issue 9) for the SharedIndexInformer:', '');
  for (const id of ['informer-h2', 'informer-http1']) {
    const summary = summaries.get(id);
    if (summary === undefined) continue;
    const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    const targets = [
      floor === undefined
        ? undefined
        : `list ${ratio(summary.listRate, floor.listRate)} of the floor (>= 0.9x: ${check(summary.listRate >= 0.9 * floor.listRate)})`,
      floor === undefined
        ? undefined
        : `watch ${ratio(summary.watchRate, floor.watchRate)} of the floor (>= 0.9x: ${check(summary.watchRate >= 0.9 * floor.watchRate)})`,
      clientNode === undefined
        ? undefined
        : `watch ${ratio(summary.watchRate, clientNode.watchRate)} of client-node (>= 1.3x: ${check(summary.watchRate >= 1.3 * clientNode.watchRate)})`,
      clientNode === undefined
        ? undefined
        : `heap ${ratio(summary.listHeap, clientNode.listHeap)} (list) / ${ratio(summary.watchHeap, clientNode.watchHeap)} (watch) of client-node's (<= 1x: ${check(summary.listHeap <= clientNode.listHeap && summary.watchHeap <= clientNode.watchHeap)})`,
    ].filter((text) => text !== undefined);
    lines.push(`- ${id}: ${targets.join('; ')}`);
  }
  return lines.join('\n');
}
